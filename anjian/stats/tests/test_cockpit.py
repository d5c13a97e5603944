"""领导驾驶舱: its figures are the metrics' and the score's figures, on the 2024 data of jurisdiction.py."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anjian.escalation.services import escalate
from anjian.fixtures import PASSWORD, World
from anjian.ledger.choices import EnforcementKind, HazardGrade
from anjian.ledger.models import EnforcementAction, Hazard, Inspection, Task
from anjian.org.choices import RegionLevel
from anjian.org.models import Department, Unit
from anjian.org.services import create_region
from anjian.scoring.indicators import INDICATORS
from anjian.stats import cockpit, metrics
from anjian.stats.metrics import Scope
from anjian.stats.tests.jurisdiction import AS_OF, Year, at, build_tasks

pytestmark = pytest.mark.django_db
YEAR_2024 = cockpit.Period(date(2024, 1, 1), AS_OF)


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_the_period_is_the_year_up_to_the_month() -> None:
    january = cockpit.Period(date(2025, 1, 1), date(2025, 1, 20))
    assert january.now == (date(2025, 1, 1), date(2025, 1, 20))
    assert january.before == (date(2024, 1, 1), date(2024, 12, 31))


def test_month_arithmetic() -> None:
    assert cockpit.month_end(date(2024, 2, 10)) == date(2024, 2, 29)
    assert cockpit.previous_month(date(2024, 1, 15)) == date(2023, 12, 1)
    months = cockpit.last_months(date(2024, 12, 31))
    assert len(months) == 12 and months[0] == date(2024, 1, 1) and months[-1] == date(2024, 12, 1)


def test_trend_points_are_the_monthly_hazard_counts(year: Year) -> None:
    county = year.world.county
    points = cockpit.trend(county, user=None, as_of=AS_OF)
    assert [p.month for p in points][-1] == "2024-12"
    may = next(p for p in points if p.month == "2024-05")
    scope = Scope(region=county, date_from=date(2024, 5, 1), date_to=date(2024, 5, 31))
    assert may.overdue == metrics.hazard_counts(scope, as_of=date(2024, 5, 31)).overdue
    june = next(p for p in points if p.month == "2024-06")
    major = metrics.hazard_counts(Scope(region=county, date_from=date(2024, 6, 1), date_to=date(2024, 6, 30),
                                        grade=HazardGrade.MAJOR), as_of=date(2024, 6, 30))
    assert (june.major_found, june.major_open) == (major.found, major.open) == (1, 0)  # H3, closed since


def test_township_ranking_matches_the_score_and_the_statistics(year: Year) -> None:
    # given December 2024: the ranking reads the year up to 31 December, beside the year up to 30 November
    period = cockpit.Period(date(2024, 12, 1), AS_OF)
    rows = cockpit.township_ranking(year.world.county, period, user=None)
    assert [r.label for r in rows] == ["北书店乡", "柳园口乡"]
    for row in rows:
        region = year.world.township if row.key == year.world.township.code else year.world.other_township
        whole = Scope(region=region, date_from=date(2024, 1, 1), date_to=AS_OF)
        assert row.now.on_time == metrics.on_time_rate(whole, as_of=AS_OF)
        assert row.now.self_fix == metrics.self_fix_rate(whole)
        # the assessment score reads the same year with the same function: the same figure
        reading = INDICATORS["self_fix_rate"].read(region, 2024, AS_OF)
        assert (row.now.self_fix.numerator, row.now.self_fix.denominator) == (reading.numerator, reading.denominator)
        until_november = Scope(region=region, date_from=date(2024, 1, 1), date_to=date(2024, 11, 30))
        assert row.before.on_time == metrics.on_time_rate(until_november, as_of=date(2024, 11, 30))
    town = rows[0]
    assert town.now.self_fix.value == 0.5  # H2 self-reported and closed; H3 found by inspection
    assert town.now.on_time == metrics.Rate(2, 3)  # H1, H2 in time; H3 late
    assert [p for p in rows[1:] if p.now.on_time.value is not None][0].now.on_time == metrics.Rate(0, 1)  # H4


def test_department_ranking_has_the_penalty_ratio_and_month_on_month_change(year: Year) -> None:
    period = cockpit.Period(date(2024, 3, 1), AS_OF)
    rows = {r.label: r for r in cockpit.department_ranking(year.world.county, period, user=None)}
    urban = rows["区城市管理局"]
    # I1 (March) found H1 and ended in a penalty: 1/1 up to March; none up to February
    assert (urban.now.enforcement.numerator, urban.now.enforcement.denominator) == (1, 1)
    assert urban.before.enforcement.value is None and urban.enforcement_change is None
    assert urban.now.on_time == metrics.on_time_rate(
        Scope(region=year.world.county, department=year.world.urban.pk, date_from=date(2024, 1, 1),
              date_to=date(2024, 3, 31)), as_of=date(2024, 3, 31))
    assert "区安委会办公室" not in rows


def _figures(scope: Scope, *, as_of: date) -> cockpit.Figures:
    # docs/metrics.md §11, one scope at a time with the metrics' own functions: what every ranking row must show.
    penalties = metrics.penalty_ratio_by_department(scope)
    return cockpit.Figures(
        on_time=metrics.on_time_rate(scope, as_of=as_of),
        overdue=metrics.hazard_counts(scope, as_of=as_of).overdue + metrics.task_counts(scope, as_of=as_of).overdue,
        self_fix=metrics.self_fix_rate(scope),
        enforcement=metrics.Rate(sum(p.with_penalty for p in penalties), sum(p.with_hazards for p in penalties)),
    )


def _more_rows(year: Year, count: int) -> None:
    """`count` more townships, each with a unit, a hazard and a penalised inspection of a department of its own."""
    world = year.world
    for n in range(count):
        town = create_region(code=f"41020201{n}", name=f"新乡镇{n}", level=RegionLevel.TOWNSHIP, parent=world.county)
        department = Department.objects.create(region=world.county, name=f"区新部门{n}", short_name=f"新部门{n}")
        unit = Unit.objects.create(name=f"新单位{n}", sector=world.gas, region=town)
        visit = Inspection.objects.create(unit=unit, region=town, department=department, inspected_on=date(2024, 4, 2))
        hazard = world.hazard(unit=unit, description=f"N{n}", found_on=date(2024, 4, 2), inspection=visit,
                              grade=HazardGrade.MAJOR if n % 2 else HazardGrade.GENERAL)
        Hazard.objects.filter(pk=hazard.pk).update(supervising_department=department)
        EnforcementAction.objects.create(unit=unit, region=town, department=department, inspection=visit,
                                         hazard=hazard, kind=EnforcementKind.PENALTY, decided_on=date(2024, 4, 3))


def test_every_ranking_row_has_the_figures_of_its_own_scope(year: Year) -> None:
    # given the 2024 data, tasks created in June 2024, and three more townships and departments
    tasks = build_tasks(year.world)
    Task.objects.filter(pk__in=[t.pk for t in tasks.values()]).update(created_at=at(date(2024, 6, 1)))
    _more_rows(year, 3)
    county, world = year.world.county, year.world
    for period in (cockpit.Period(date(2024, 3, 1), AS_OF), cockpit.Period(date(2025, 1, 1), date(2025, 1, 20))):
        for user in (None, world.clerk, world.officer, world.township_staff):
            (a, b), (c, d) = period.now, period.before
            towns = cockpit.township_ranking(county, period, user=user)
            departments = cockpit.department_ranking(county, period, user=user)
            assert len(towns) == 5 and len(departments) == 6
            # then each row shows what the metrics say of that row's own scope, this period and the one before
            for row in towns:
                child = county.children.get(code=row.key)
                assert row.now == _figures(Scope(region=child, date_from=a, date_to=b, user=user), as_of=b)
                assert row.before == _figures(Scope(region=child, date_from=c, date_to=d, user=user), as_of=d)
            for row in departments:
                own = {"region": county, "department": int(row.key), "user": user}
                assert row.now == _figures(Scope(date_from=a, date_to=b, **own), as_of=b)  # type: ignore[arg-type]
                assert row.before == _figures(Scope(date_from=c, date_to=d, **own), as_of=d)  # type: ignore[arg-type]
    # and the figures are not all empty: overdue tasks, penalties and major hazards were counted
    rows = cockpit.department_ranking(county, cockpit.Period(date(2025, 1, 1), date(2025, 1, 20)), user=None)
    assert sum(r.now.overdue for r in rows) > 0 and sum(r.before.enforcement.numerator for r in rows) == 4
    assert sum(r.before.self_fix.denominator for r in rows) > 0


COCKPIT_QUERIES = 21


def test_the_cockpit_takes_the_same_few_queries_however_many_rows_it_ranks(year: Year) -> None:
    # given the cockpit of the county with two townships and three departments
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            data = cockpit.cockpit(year.world.county, user=year.world.leader, today=AS_OF)
        assert data.townships and data.departments
        return len(captured)

    queries()  # the leader's role assignments are read once and kept on the user
    few = queries()
    # when five more townships and five more departments have data
    _more_rows(year, 5)
    # then the cockpit still takes the same small number of queries (it took 10 per row and period before)
    assert queries() == few == COCKPIT_QUERIES


def test_ties_share_the_rank() -> None:
    empty = cockpit.Figures(metrics.Rate(0, 0), 0, metrics.Rate(0, 0), metrics.Rate(0, 0))
    good = cockpit.Figures(metrics.Rate(1, 1), 0, metrics.Rate(0, 0), metrics.Rate(0, 0))
    rows = cockpit._ranked([("a", "乙", empty, empty, "", ""), ("b", "甲", empty, empty, "", ""),
                            ("c", "丙", good, empty, "", "")])
    assert [(r.label, r.rank) for r in rows] == [("丙", 1), ("乙", 2), ("甲", 2)]  # ties listed by name


def test_listed_items_are_those_escalated_to_listed_supervision(year: Year) -> None:
    escalate(AS_OF)  # H4 (due 2024-08-31) is over 60 days late; H7 too, but in 顺河区
    listed = cockpit.listed_items(year.world.county, user=None, as_of=AS_OF)
    assert [(i.kind, i.title, i.days_open) for i in listed] == [
        ("hazard", "柳园口饭店：H4", (AS_OF - date(2024, 8, 1)).days)]
    assert cockpit.listed_items(year.world.other_county, user=None, as_of=AS_OF)[0].title == "顺河加气站：H7"


def test_leader_and_office_homes_show_the_cockpit_and_a_department_does_not(world: World) -> None:
    world.hazard()
    for user in (world.leader, world.clerk):
        html = _client(user).get("/").content.decode()
        assert 'data-cockpit="410202"' in html and 'data-ranking="township"' in html, user
        assert 'id="chart-options"' in html and "vendor/echarts.min.js" in html
    assert "data-cockpit" not in _client(world.officer).get("/").content.decode()


def test_screen_mode_refreshes_itself_and_a_unit_is_refused(world: World) -> None:
    html = _client(world.leader).get("/stats/cockpit/", {"screen": "1"}).content.decode()
    assert '<meta http-equiv="refresh" content="300">' in html and 'class="screen"' in html
    assert _client(world.principal).get("/stats/cockpit/").status_code == 403


def test_dual_prevention_figures_are_the_prevention_metrics(world: World) -> None:
    from anjian.prevention import metrics as prevention_metrics
    from anjian.prevention.tests.inventory import tank_area

    tank_area(world)  # one unit of the county now has a graded inventory
    today = timezone.localdate()
    data = cockpit.cockpit(world.county, user=world.leader, today=today)
    assert data.risk_coverage == prevention_metrics.coverage_in(world.county)
    assert data.risk_coverage is not None and data.risk_coverage.part == 1
    html = _client(world.leader).get("/").content.decode()
    assert 'data-risk="coverage"' in html and f"{data.risk_coverage.part}/{data.risk_coverage.whole}" in html
