"""schemathesis over /api/openapi.json against the Django WSGI app, logged in: no response is a 5xx."""

from __future__ import annotations

import pytest

from anjian.fixtures import World

schemathesis = pytest.importorskip("schemathesis")

MAX_EXAMPLES = 8


@pytest.mark.django_db(transaction=True)
def test_no_5xx_for_generated_requests(world: World) -> None:
    from hypothesis import HealthCheck, given, settings

    from anjian.api.services import issue_token
    from anjian.wsgi import application

    _, raw = issue_token(actor=world.clerk, user=world.clerk, name="schemathesis")
    headers = {"Authorization": f"Bearer {raw}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [op.ok() for op in schema.get_all_operations()]
    if not operations:
        pytest.skip("the API has no endpoints yet")
    failures: list[str] = []
    tried = 0
    for operation in operations:
        # A bearer token, as integrations call: unsafe methods then reach the services, not just CSRF.
        strategy = operation.as_strategy()

        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def run(case: object) -> None:
            nonlocal tried
            tried += 1
            response = case.call(headers=headers)  # type: ignore[attr-defined]
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} → {response.status_code}")  # type: ignore[attr-defined]

        run()
    assert tried >= len(operations)
    assert failures == [], failures[:10]
