"""Round 7: the genre read from evidence that survives page chrome, broken titles and missing titles."""

from __future__ import annotations

from anjian.ingest.extract import extract_text


def _genre(text: str) -> str:
    return extract_text(text).genre


def test_title_after_page_chrome_names_the_genre() -> None:
    # given a page whose first line is the site's chrome, the title on the next line
    text = (
        "详细信息\n某省安委会办公室关于9月份安全检查进展情况的通报\n发布日期:2020-10-08\n"
        "9月份,各地共检查企业120家,发现隐患340处。\n二、下一步工作\n1.加强检查;\n2.落实责任;\n"
    )
    # then the title, not the chrome, names the genre
    assert _genre(text) == "report"


def test_title_broken_over_lines_is_read_across_them() -> None:
    text = (
        "2021-05-05 10:00来源:\n关于市人大某次会议\n第12号建议\n答复的函\n王某代表:\n"
        "您提出的建议收悉,现答复如下:\n一、加强巡查。组织专班开展巡查。\n二、完善制度。修订管理办法。\n"
    )
    assert _genre(text) == "report"


def test_sharing_site_copy_of_a_notice_is_a_reminder() -> None:
    # given a sharing site's copy: its chrome quotes the file name, the flattened text follows in pages
    text = (
        "《2020防汛标语关于做好汛期安全工作的通知.doc》由会员分享,可在线阅读,更多相关"
        "《2020防汛标语关于做好汛期安全工作的通知.doc(2页珍藏版)》请在某某网上搜索。\n"
        "1、2020防汛标语关于做好汛期安全工作的通知某安办字20XX3号 关于做好汛期安全工作的通知 各镇、各部门: "
        "请各镇做好值班。\n2、业领域清单报区安委办;每周报送隐患排查台账。\n"
    )
    # then the notice in the text, not the quoted file name, names the genre
    assert _genre(text) == "reminder"


def test_a_cited_notice_does_not_name_the_report_that_cites_it() -> None:
    text = (
        "按照市安委会《关于开展夏季安全检查的通知》要求,区应急局联合区住建局组成检查组,于5月3日起开展检查,"
        "共检查企业12家,发现隐患30处。\n针对这些隐患,检查组当场提出整改要求。\n"
    )
    assert _genre(text) != "reminder"


def test_reply_on_a_proposal_is_a_report() -> None:
    text = (
        "关于对区政协第88号提案办理工作的会办意见\n区交通局:\n现将有关情况函告如下。\n"
        "一是加强巡查。今年以来共巡查道路40次。\n二是完善制度。修订管理办法2项。\n"
    )
    assert _genre(text) == "report"


def test_notice_on_handling_proposals_is_no_reply() -> None:
    from anjian.ingest.parsers.genre import title_genre

    assert title_genre("关于对区政协第88号提案办理工作的会办意见") == "report"
    assert title_genre("关于做好人大代表建议和政协提案办理工作的通知") is None  # the notice rules decide


def test_news_of_hazards_exposed_is_a_problem_list() -> None:
    text = (
        "火灾隐患犹如定时炸弹。\n某市消防支队对近期检查中发现的火灾隐患进行集中曝光,以督促整改。\n"
        "01\n隐患单位\n某某宾馆\n存在隐患:疏散通道堵塞\n"
    )
    assert _genre(text) == "rectification"


def test_places_found_at_fault_and_ordered_to_rectify_is_a_problem_list() -> None:
    text = (
        "近日,某县消防救援大队在检查时发现,甲宾馆、乙商场、丙会馆存在消防安全隐患,被责令限期整改。\n"
        "下一步,大队将继续加大火灾隐患曝光力度。\n"
    )
    assert _genre(text) == "rectification"


def test_paragraph_stored_as_title_names_no_genre_by_its_later_sentences() -> None:
    # given a scheme stored without its title, its first paragraph mentioning 总结 in a later sentence
    text = (
        "考核总分为100分。各项工作做到有规划、有检查、有总结。\n一、目标管理(40分)\n"
        "(一)未建立安全责任制的扣5分。\n(二)未按月开展检查的每次扣2分。\n二、日常管理(60分)\n"
        "(一)台账不全的每项扣3分。\n"
    )
    # then its points, printed throughout, make it an assessment
    assert _genre(text) == "assessment"


def test_untitled_list_of_faults_is_a_problem_list() -> None:
    text = "一、宿舍区\n1.宿舍内私拉电线;\n2.灭火器过期未更换;\n3.疏散通道堵塞;\n"
    assert _genre(text) == "rectification"


def test_untitled_list_of_tasks_stays_a_reminder() -> None:
    text = "一、近期工作\n1.加强节日期间巡查;\n2.落实领导带班制度;\n3.各单位要做好值班值守;\n"
    assert _genre(text) == "reminder"
    # a task about hazards (隐患排查治理) is still a task
    text = "一、近期工作\n1.第1条 加强隐患排查治理;\n2.第2条 推进隐患整改;\n3.第3条 落实隐患台账;\n"
    assert _genre(text) == "reminder"


def test_notice_on_rectifying_problems_found_is_no_bare_problem_list() -> None:
    from anjian.ingest.parsers.genres import _is_problem_list

    assert _is_problem_list("某市安全督导发现问题清单")
    assert _is_problem_list("关于春季检查发现问题的通报")
    assert not _is_problem_list("关于抓好督导发现问题整改工作的通知")
    assert not _is_problem_list("督导发现问题整改措施清单")


def test_changes_against_last_year_are_no_figures() -> None:
    from anjian.ingest.parsers.report import stats_of

    # given figures each followed by their change against the same period last year
    text = "全县发生事故12起,同比减少3起;死亡4人,同比分别减少2起、5人,同比增加约1万元。"
    # then only the figures themselves are stats
    assert [(s.value, s.unit) for s in stats_of([text])] == [(12, "起"), (4, "人")]


def test_working_groups_are_counted_and_working_days_are_not() -> None:
    from anjian.ingest.parsers.report import stats_of

    found = stats_of(["市里派出4个工作组开展核查,要求在5个工作日内反馈,每组检查24个小时。"])
    assert [(s.value, s.unit) for s in found] == [(4, "个")]


def test_bracketed_qualifier_belongs_to_what_was_counted() -> None:
    from anjian.ingest.parsers.report import stats_of

    found = stats_of(["截至目前,共检查企业(场所)215家,发现隐患(问题)64处。"])
    assert [(s.what, s.value) for s in found] == [("检查企业(场所)", 215), ("发现隐患(问题)", 64)]
