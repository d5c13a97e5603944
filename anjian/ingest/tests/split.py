"""The split of the shared training corpus (eval/train) into a tuning part and a held-out part.

Provenance: fixed on 2026-12-06 by helper G (issue 18) before any document text or per-document
score was looked at, from the file numbers and the genre column of eval/train/README.md only.
Rule: a document numbered 2NN is held out when (NN % 3) == 2, i.e. 202, 205, 208, 211, 214, 217,
220, 223, together with every binary rendering of those numbers (208 .pdf; 214 .docx/.xlsx/.pdf).
Of the three residues this is the one whose third covers all four genres (reminder 202/220/223,
rectification 205/214, report 208/217, assessment 211) and binaries of every format.
The held-out part is scored once, at the end of a tuning round; parsers are never tuned on it.

Round 1 (issue 18, 2026-12-06), overall by the shared formula, main e419114 -> this branch:
tuning 0.493 -> 0.860; held-out 0.627 -> 0.734 (rectification 0.728 -> 0.969, reminder 0.891 ->
0.891, assessment 0.833 -> 0.833, report 0.970 -> 0.909: 217, a news report headed …大排查大整治,
is now taken for a rectification plan; docx 0.738 -> 0.982, xlsx 0.738 -> 0.982, pdf 0.734 -> 0.901,
txt 0.670 -> 0.713). The held-out documents were not read, and not tuned on after this score.

Round 2 (issue 18, helper F, 2026-12-06), scored once at the end: tuning 0.860 -> 0.983; held-out
0.734 -> 0.754 (report 0.909 -> 0.970, rectification 0.969, reminder 0.891, assessment 0.833 with no
scores found; docx 0.982, xlsx 0.982, pdf 0.901, txt 0.713 -> 0.745). Not tuned on after this score.

Those eight documents have now been scored and looked at during tuning rounds, so they no longer measure
generalisation alone. The untouched held-out third of the corpus is `heldout/` (issue 18, added
2026-12-06 by helper G): real public documents from other sources than eval/train, never used to build
or tune the extractor, with .docx/.xlsx/.pdf renderings made by `heldout/make_binaries.py`; provenance
in `heldout/README.md`; scored with the shared scorer in `test_heldout.py`, which prints the figure per
genre and per format. Do not tune on it.

Round 3 (issue 18, helper K, 2026-12-06): `heldout/` split in two before any of its documents was
opened, from the file numbers only. Rule: a document numbered 3NN is **untouched** when (NN % 3) == 0,
i.e. 303, 306, …, 351 (17 documents), together with every rendering of those numbers; the others
(NN % 3 != 0, 34 documents) are a second tuning part that may be read and tuned on
(`is_heldout_untouched`). The untouched part is scored once, at the end of round 3; its documents and
per-document scores are never printed (`test_heldout.py` prints only its aggregate per genre and format).
Round 3, overall by the shared formula, main 719844e -> 70ca276: heldout tuning part 0.576 -> 0.810
(assessment 0.577 -> 0.728, rectification 0.815 -> 0.836, reminder 0.692 -> 0.993, report 0.950 ->
0.950; txt 0.532 -> 0.715, docx 0.489 -> 0.942, xlsx 0.653 -> 0.917, pdf 0.708 -> 0.915); eval/train
tuning 0.983 -> 0.983. The untouched third, scored once at the end (70ca276, not measured before, so
as not to look at it twice): 0.573 (assessment 0.377, rectification 0.833, reminder 0.686, report 0.937;
txt 0.414, docx 1.000, pdf 0.933; no xlsx in it). Not tuned on after this score.

Fresh part (issue 18, helper D2, 2026-12-06, after round 3): `heldout/fresh/`, 40 more real public documents
numbered 4NN (401-440) and 25 renderings, collected from the stored-web-page search corpus and a public
repository, none in eval/train, the seeds or heldout/ 3NN, labelled by reading the text without running the
extractor (provenance: `heldout/fresh/README.md`). Rule: **every 4NN document is untouched** (`is_fresh`), with
its renderings: never read, printed or tuned on; scored once, by the merger, with `ANJIAN_SCORE_FRESH=1`, and
printed only as aggregates per genre and per format (`test_heldout.py`, part "fresh (4NN, untouched)"); floors
are set from that one scoring.

Round 4 (issue 18, helper D1, 2026-12-06): tuned on the two tuning parts only (the untouched third and the fresh
part were not opened, printed or scored; the merger scores them once). Every rule is a general cue with a
synthetic unit test: an unconditional 立即 in running text, a closing order to rectify at once and the 文号's
(else the page's 发布时间) year for undated pages (deadlines); `|`-flattened tables read as tables
(readers/pipes.py), two-row scoring headers, 二级 subtotals, 评分标准 rules, 得X分 / (X分，rule) points,
ranged and unpriced deductions, `1(1)` sub-points, subsection rows and value-first rows of flattened tables
(assessment); one-paragraph 一是/二是 points, 挂牌督办 notices as reminders, titles without masthead and 文号
line, owner labels after group headings and in several-label brackets, inline lists ending at their last
point's 。 (reminders and problem lists). Overall by
the shared formula, main 99f6d48 -> h-D1: heldout tuning part 0.810 -> 0.916 (assessment 0.728 -> 0.982,
rectification 0.836 -> 0.921, reminder 0.993 -> 0.996, report 0.950 -> 0.950; txt 0.715 -> 0.900, docx
0.942 -> 0.965, xlsx 0.917 -> 0.990, pdf 0.915 -> 0.941); deadlines of matched items there 0.710 -> 1.000
(docx 0.737, pdf 0.667, txt 0.720 -> 1.000 each; `scripts/score_deadlines.py`); eval/train tuning 0.983 ->
0.983 (deadlines 0.983 -> 0.989); seeds 0.998 -> 0.998.

Round 5 split of the fresh part (issue 18, fixed before round 5 from the file numbers only): 4NN with NN odd
(401, 403, …, 439) is a **fresh tuning** part that may be read, printed per document and tuned on; 4NN with NN
even (402, 404, …, 440) stays **fresh untouched** (`is_fresh_untouched`): never opened, printed or scored per
document, nor its labels; scored only in aggregate, once, by the merger, with `ANJIAN_SCORE_FRESH=1`.

Round 5 (issue 18, helper D3, 2026-12-06; assessment schemes, report figures, their genre cues): tuned on the fresh
tuning half (4NN odd) and the heldout tuning part only, each rule a general cue with an invented unit test
(`test_scheme_cues.py`): 分數/減 among the traditional forms headers are matched in; a scheme flattened without
spaces split after a stop or a points bracket and before the next number in sequence; heading totals as
`（该项指标为10分）`, `（权重20分）`, `：20分`, `满分20分`, and a heading running on into unnumbered `…（2分）` criteria;
points closing a criterion outside round brackets (`…，10分。`, `【10分】`); a table printed one cell per line
between `|` lines (readers/pipes.py); 合计 rows not scored; 扣分标准 columns as deductions with the 分值 as the
item's total, also flattened (`??` for spaces); report figures with traditional measure words and pinyin glosses
(`34項(xiàng)`), a headline's figure and `这58处` stated once; a notice (…的通知) naming no genre is a reminder;
考核表/考核方案/量化考核 name an assessment; a page opening with a dated news sentence and no list is a report.
No label was corrected. Overall by the shared formula, main 08d7087 -> h-D3: fresh tuning half 0.667 -> 0.865
(assessment 0.833 -> 0.993, report 0.717 -> 0.975, rectification 0.721 -> 0.721, reminder 0.739 -> 0.758; txt
0.362 -> 0.791, docx 0.858 -> 0.910, pdf 0.828 -> 0.906, xlsx 0.990 -> 0.990); heldout tuning part 0.916 -> 0.954
(assessment 0.982 -> 0.989, report 0.950 -> 0.981; txt 0.900 -> 0.934, docx 0.965 -> 0.993, pdf 0.941 -> 0.976);
eval/train tuning 0.983 -> 0.983; seeds stay >= 0.95 (test_seeds). The untouched parts were not opened, printed
or scored.

Round 5 (issue 18, helper D4, 2026-12-06; items of plans, problem lists, reminders and exposure news, and the
rectification/reminder genre cues): tuned on the fresh tuning half and the heldout tuning part only, each rule a
general cue with an invented unit test (`test_round5_items.py`): Markdown `#` marks and attributed `<p …>` tags
cleaned (a `# 某字[2024]13号` line is the 文号, not the title); a heading printed with a final 。 heads its
paragraphs, the last heading no more of them than an earlier one (closing lines stay out); 报送要求 sections are
not items; a heading over its table of 检查内容 rows is not an item; site names over their own lists (with or
without a `隐患:` line), a 单位名称/检查单位 column and `隐患单位：/存在隐患：/整改措施：` records group problems as their
category, a measure merged down a unit's rows applies to each; `发现X存在如下问题：一是…` runs per site in one
paragraph; a page stored as one line cut back at its ordered outline markers; a text stored twice lists each item
once; a lone numbered line not counted from 1 is no list; news exposing what an inspection found (under a lead
sentence or chrome for a title) is a problem list; a notice sending `《…方案》` takes that document's genre. No label
was corrected (heldout/fresh/README.md: round-5 label checks; 403's `一、1` left as a reading the conventions
allow). The fresh rectification genre shortfall was the extractor's, not the labels'. Overall by the shared formula,
main ff42e7a (after D3) -> h-D4: fresh tuning half 0.865 -> 0.964 (rectification 0.721 -> 0.997, reminder 0.758 ->
0.985, assessment 0.993, report 0.975; txt 0.791 -> 0.965, docx 0.910 -> 0.998, pdf 0.906 -> 0.945, xlsx 0.990 ->
1.000; item fields over matched items: category 0.381 -> 1.000, problem 0.716 -> 0.983, measures 0.690 -> 0.994);
round-4 main 08d7087 -> h-D4 alone (before merging D3): 0.667 -> 0.782; heldout tuning part 0.954 -> 0.957
(rectification genre 0.625 -> 0.750); eval/train tuning 0.983 -> 0.983; seeds 0.998 -> 0.998. The untouched parts
were not opened, printed or scored.

End of round 5, the untouched parts scored once in aggregate by the merger (main after h-D4, 2026-12-06 19:35):
heldout untouched third (3NN, NN % 3 == 0) 0.573 -> 0.641 (assessment 0.377 -> 0.412, rectification 0.833,
reminder 0.686 -> 0.698, report 0.937 -> 0.976; txt 0.414 -> 0.549, docx 1.000, pdf 0.933); fresh untouched half
(4NN even, first scoring) 0.421 (assessment 0.765, rectification 0.418, reminder 0.601, report 0.757; txt 0.442,
docx 0.652, pdf 0.596, xlsx 0.789; deadlines of matched items 0.667). The tuning parts reach 0.96 while unseen
documents stay at 0.42-0.64: the rules of rounds 1-5 fit the documents they were written on and do not yet
generalise. Goal (0.85 on unseen documents in every format) not met.

Round 6 (issue 18, 2026-12-06 night): both untouched parts have been scored once in aggregate (above) and were the
only measurement of unseen documents; they are now **tuning parts** too, read and tuned on from here, so that the
reasons unseen documents fail can be seen. A new unseen part, `heldout/unseen/` (5NN), collected and labelled after
this decision by helpers who neither ran the extractor nor read its code, replaces them as the untouched measure
(`is_unseen`); it is scored once, in aggregate, at the end of round 6. A second unseen part, `heldout/unseen2/`
(6NN, helpers U3 and U4, collected the same way and deduplicated against every part by address and text), is kept
for the end of round 7: round 7 may tune on 5NN once it has been scored, never on 6NN.
Baselines of both unseen parts, scored in aggregate with the extractor as it was before round 6 (10a6e47: the
parsers of 51bce73), so that each round's gain on unseen documents can be told: unseen (5NN, 64 label files) 0.558
(assessment 0.575, rectification 0.677, reminder 0.916, report 0.728; txt 0.526, docx 0.554, pdf 0.474, xlsx
0.763; scores F1 0.174; deadlines of matched items 0.934); unseen2 (6NN, 75 label files) 0.537 (assessment 0.629,
rectification 0.531, reminder 0.696, report 0.784; txt 0.404, docx 0.608, pdf 0.742, xlsx 0.432; deadlines of
matched items 0.660).

Round 6 (issue 18, helpers G1 — schemes and genre — and G2 — items; 2026-12-06 night), tuned on the two parts
spent at the end of round 5, every rule with an invented test (test_round6_schemes.py, test_round6_items.py):
untouched (3NN) 0.641 -> 0.965, fresh untouched (4NN even) 0.421 -> 0.858, heldout tuning 0.957 -> 0.969, fresh
tuning 0.964, eval/train tuning 0.983, seeds 0.998. The unseen part (5NN), scored once after G1 (the end of
round 6 as declared, G2 still working): 0.558 -> 0.558; with G2 merged (5NN then a tuning part): 0.557. Rules
written for the documents they were tuned on did not transfer to unseen documents at all. Round 7 (helpers G3
schemes, G4 items, G5 genre and stats) is briefed to rank failure mechanisms by how many documents from different
sources they affect and to admit only rules that fix two or more, or generalise existing machinery; it tunes on
5NN and every other part and is measured once on unseen2 (6NN).

Round 7 (issue 18, helpers G3 schemes, G4 items, G5 genre and stats; 2026-12-06 night), tuned on 5NN and every
other part, invented tests in test_round7_schemes.py, test_round7_items.py, test_round7_genre.py; each helper
ranked the failure mechanisms it saw by the documents they affect and fixed from the top. Tuned parts: 5NN 0.557
-> 0.850 (assessment 0.940, rectification 0.935, reminder 0.971, report 0.966; txt 0.746, docx 0.884, pdf 0.923,
xlsx 0.946; deadlines of matched items 0.948), fresh untouched 0.858 -> 0.866, untouched 0.965 -> 0.968, heldout
tuning 0.969, fresh tuning 0.964, eval/train tuning 0.983, seeds 0.998. The measure, unseen2 (6NN, 75 label files),
scored once at the end of round 7 (main 179752e): 0.537 (before round 6) -> 0.541 (assessment 0.629 -> 0.638,
rectification 0.531 -> 0.543, reminder 0.696 -> 0.688, report 0.784 -> 0.783; txt 0.404 -> 0.412, docx 0.608 ->
0.609, pdf 0.742, xlsx 0.432 -> 0.434; scores F1 0.519, totals 0.357, genre 0.733, item fields over all gold items
0.33; deadlines of matched items 0.660). Ranking mechanisms did not change the outcome: two rounds of general-looking
rules lifted every part they were written on by 0.2-0.4 and unseen documents by 0.00-0.01. Unseen documents lose
on genre (rectification read as report or reminder: items then missing or in the wrong field, figures predicted),
on flattened document-sharing text (scores 0.05 and totals 0.09 on txt) and on fields of matched items. One helper's
glob listed the names (not the contents) of six unseen2 label files during round 7; nothing was changed from it.
Goal (0.85 on unseen documents in every format, 0.95 on deadlines) not met.

A ceiling for comparison (after round 7): helper L labelled 12 documents of 5NN from their texts and SCHEMA.md alone,
before opening their labels; scored as predictions against the labels with the shared scorer they agree at 0.895
pooled (items 0.97, item fields 0.88 with seq 0.62, scores 0.88, totals 1.00, stats 0.63, genre 1.00). Nearly every
disagreement is a convention SCHEMA leaves open: the heading marker in front of a seq (`01、一、1`), a trailing `;`
in an item's text, how far a flattened table's `text_head` runs, the span of a stat's `what`, a shared 处理结果
sentence copied into each item's measures. An upper bound: the two labellers read the same `source:` notes.

Round 8 (issue 18, 2026-12-07), tuned on unseen2 (6NN, a tuning part since its scoring) and 5NN, by the lead alone,
aimed at reading and format mechanisms rather than document-by-document rules, every rule checked on all tuning
parts at once (no regression accepted) and given an invented test (test_round8.py): tables printed one cell per
line under a 序号 header (`readers/stacked.py`, rows numbered 1/2 or 一/二, a first cell merged over sub-rows),
pages that lost their line breaks split at their numbered paragraphs, ragged pipe tables (mark-only lines, rows
missing their merged first cell, numbers aligned under the number column), schedules without a problem column
(行业 | 时间安排 | 责任单位) read as tasks, a scoring table's points and text columns found by their cells when the
header does not name them, totals glued to a section name (安全目标50分), bonus rules without a 加分 heading, an
inspection's report or bulletin with a list read as a rectification list, a notice passing on a bulletin read as a
reminder, an untitled story in figures read as a report, unlabelled fault statements of a rectification list read as
problems, owners split outside brackets only (各县(市、区)人民政府), X月份 and hour-bearing deadlines, years mixing
the digit 0, no row number made up for a table without a 序号 column, a sharing site's notices dropped. Tuned parts:
6NN 0.541 -> 0.787, 5NN 0.850 -> 0.875, the others unchanged (heldout 0.969, fresh 0.929, eval/train 0.950, seeds
0.998). A third unseen part, `heldout/unseen3/` (7NN, helpers U5 and U6, 35 documents, 67 label files, collected while
round 8 was tuned, never read), scored once at the end of round 8 (main 0e91830): **0.621** (assessment 0.786,
rectification 0.647, reminder 0.956, report 0.949; txt 0.680, docx 0.540, pdf 0.722, xlsx 0.566; items 0.804, item
fields 0.614, scores 0.341, totals 0.375, stats 0.681, genre 0.910; deadlines of matched items 0.846). The extractor
as it was before round 8 (15f319f) scores the same part 0.572 (rectification 0.540, xlsx 0.265, txt 0.627, docx
0.493), so round 8 transferred +0.05 to documents nobody had seen, where rounds 6-7 transferred +0.00-0.01; what
moved was reading (layout recovered before parsing) and genre evidence, not rules for particular documents. Still
short of the goal: scoring schemes (scores F1 0.34 — flattened and glued scoring tables), item fields over all gold
items (0.61) and genre of rectification documents (0.78) are where unseen documents lose.

Round 9 (issue 18, 2026-12-07), tuned on unseen3 (7NN) once scored, same method (test_round8.py): records of exposed
places (场所名称 / 场所地址 / 隐患情况, problems numbered on one line), a 隐患情况/问题描述 column as the problem column,
a field label on a line of its own joined with its value, a section value column (分值, merged) beside a
per-criterion one (单项分值), numbered headings in the item column on every row read as items. 7NN 0.621 -> 0.794,
every other part unchanged. A fourth unseen part, `heldout/unseen4/` (8NN, helpers U7 and U8, 33 documents, 63 label
files, collected while round 9 was tuned, never read), scored once at the end of round 9 (main 110bc85): **0.521**
(assessment 0.708, rectification 0.854, reminder 0.880, report 0.756; txt 0.493, docx 0.566, pdf 0.607, xlsx 0.498;
items 0.708, item fields 0.580, scores 0.108, totals 0.138, stats 0.736, genre 0.857; deadlines of matched items
0.860). The same part with the extractor before round 8 (15f319f): 0.427 (txt 0.442, docx 0.461, pdf 0.466, xlsx
0.292; rectification 0.582, report 0.686); at the end of round 8 (0e91830): 0.521. So round 8's reading and genre
mechanisms transferred again (+0.09 on 8NN after +0.05 on 7NN), and round 9's rules for the shapes of 7NN transferred
nothing (+0.000). 8NN is weighted by its schemes: 34 scores and 11 totals, nearly all missed (scoring tables in shapes
not seen before); a second labeller's agreement (0.895 on 5NN) remains the ceiling to read these figures against.

Round 10 (issue 18, 2026-12-07), tuned on unseen4 (8NN) once scored, same method (test_round10.py): a criteria
table's criteria column found by the points its cells print (`(1分)`), numbered subsections beside pointed criteria
read as subtotals (`1(1)`), short pipe rows placed under the columns their list markers open, scoring tables a
sharing site's preview glued into one run of text (`parsers/glued.py`: rows found by counting), labelled records
(`01` / `学校名称：` / `问题隐患：` …) read as a table (`parsers/records.py`), headers in traditional characters with
pinyin glosses, bracketed points under a point that announces them as items (`1(2)`), pages run into one line cut at
glued markers, untitled findings in figures as reports, 报送内容 taking the date set for reporting, weekly duties
without a schema deadline, a stacked table's merged section value over per-row values, stat units without glosses.
8NN 0.521 -> 0.879; unseen2 0.787 -> 0.835, unseen3 0.794 -> 0.875 (fresh 0.929 -> 0.923: 425's labels keep the
glosses of units). A fifth unseen part, `heldout/unseen5/` (9NN, helpers U9 and U10, 30 documents, 57 label files,
collected while round 10 was tuned, never read), scored once at the end of round 10 (main 92a3628): **0.556**
(assessment 0.790, rectification 0.566, reminder 0.870, report 0.793; txt 0.556, docx 0.542, pdf 0.725, xlsx 0.712;
deadlines of matched items 0.827) — and the extractor before round 10 (a73bab3) scores it exactly the same: not one
of its 57 predictions differed. Round 10's mechanisms were all shapes of 8NN that 9NN does not print.

Round 11 (issue 18, 2026-12-07), tuned on unseen5 (9NN) once scored (test_round11.py): a field label opening a line
is never the line above going on (records whose fields the joiner had run together), records numbered by the title
above them (`火灾隐患曝光2——`) and counting on below their label, untitled notices addressed to the units below
(`各镇人民政府，市各办局：`) as reminders, an inspection's findings passed on to be fixed as rectification, acceptance
tables (工作内容 | 工作标准 | 验收标准), numbered rules beside items that print their own points kept as deductions,
traditional characters through OpenCC's character table (`parsers/hanzi.py`), a table's criteria column its 内容
column, per-row 项目 naming items, glued tables with sections over subsections, overlapping title keywords, a
report listing problems and measures as rectification, a date set for all listed work overriding an immediate start.
9NN 0.556 -> 0.874, every other part unchanged or higher. A sixth unseen part, `heldout/unseen6/` (1NN, helpers U11
and U12, 33 documents, 67 label files, collected while round 11 was tuned, never read), scored once at the end of
round 11 (main 7d5bde3): **0.758** (assessment 0.690, rectification 0.900, reminder 0.611, report 0.986; txt 0.708,
docx 0.796, pdf 0.874, xlsx 0.698; items 0.780, item fields 0.660, scores 0.570, totals 0.857, stats 0.891, genre
0.791; deadlines of matched items 0.983: docx 1.000, pdf 1.000, txt 0.986, xlsx 0.867). The same part before round
10 (a73bab3): 0.745; at the end of round 10 (92a3628): 0.755. Rounds 10-11 lifted every tuning part by 0.04-0.36
and new documents by 0.00-0.013: the parts differ more among themselves (0.43-0.75 before tuning) than any round
moved them, and what is left is mostly documents whose shapes appear once.

Round 12 (issue 18, 2026-12-07), tuned on unseen6 (1NN) once scored (test_round12.py): score sheets and evaluation
rules named as schemes (得分表, 评价细则, 验收细则), 标准得分/基准分 as points columns, numbered sentences closed by
their points as items, a site located in its sentence heading its inline hazards, requirements counted in words
after their addressee or doer (`会议要求，各村(社区)一是要…`, `祝楼乡一是要求…`), check records (检查项目 | 检查结果 |
整改措施, `正常。` rows skipped), a numbered point naming a field over findings counted in words (`3、施工现场：一是…`),
records numbered on their first label (`隐患1：`), a reading app's chrome. 1NN 0.758 -> 0.893, eval/train 0.950 ->
0.957 (223 read at last), every other part unchanged. A seventh unseen part, `heldout/unseen7/` (0NN, helpers U13 and
U14, 27 documents, 54 label files, collected while round 12 was tuned, never read), scored once at the end of round
12 (main 3817830): **0.510** (assessment 0.353, rectification 0.652, reminder 0.884, report 0.959; txt 0.513, docx
0.532, pdf 0.551, xlsx 0.265; items 0.719, item fields 0.614, scores 0.426, totals 0.000, stats 0.596, genre 0.704;
deadlines of matched items 0.952: docx 0.960, pdf 0.944, txt 0.971, xlsx 0.800). The same part before round 10
(a73bab3): 0.504, at the end of round 11 (7d5bde3): 0.501 (deadlines of matched items 0.699 then: round 12's
deadline and list mechanisms transferred there). Round 13 (test_round13.py), tuned on it: a 减分项/加分项 column
giving rows their kind, bracketed asides in header words, a criterion's own number as its seq, previews cut at
their headings run together again for the glued reader. 0NN 0.510 -> 0.624.

Over rounds 10-13 the newest untouched part each time scored 0.556 (9NN), 0.758 (1NN) and 0.510 (0NN), within
0.01 of what the extractor before round 10 scores on the same part: the rounds lift what they are tuned on and
move new documents little. Parts differ widely among themselves (0.43-0.75 before any tuning), mostly by how many
scoring schemes in new shapes they hold.

Round 14 (issue 18, 2026-12-07, test_round14.py), tuned on unseen7 (0NN) again: open-information metadata rows,
工作要点 sent down, 隐患报告 lists, wear and disorder as faults (not under a prohibition), 其一/其二 findings, a line per
site with its problems, two-column problem tables, news of a 提示函 sent down, 评分汇总表/评定标准. 0NN 0.624 ->
0.747, no other part lower. Eighth unseen part `heldout/unseen8/` (10NN, four digits: 28 documents, 56 label files,
helpers v and w) scored once at the end of round 14: **0.625** (assessment 0.546, rectification 0.722, reminder 0.714,
report 0.988; txt 0.644, docx 0.534, pdf 0.598, xlsx 0.440; scores F1 0.050; deadlines of matched items 0.862),
exactly the figure of the extractor before round 14 (c455fc3) on it. Round 15 (same test file), tuned on it: 扣分标准/
评估标准 titles, a lead that runs the problems found on after `主要存在以下问题:`, requirements counted after whom they
are for without a comma (`要求各受检煤矿一是要…`), a sharing site's VIP notice, a font-size switch stored a button a
line. 10NN 0.625 -> 0.666 (its scoring tables, labelled by their 检查项目 and glued with `每次-5分` rules, are left).

Round 16 (issue 18, 2026-12-07, test_round16.py), tuned on unseen8's scoring tables and two genre/column cues: a
`扣分` column of amounts prices deduction rules (`10-20` → 10) and a glued `二、驾驶员考评30分` row totals its section;
pipe rows printed without their empty first cell are moved back under their header; points printed as a loss
(`每次-5分`) are a deduction; a 评分内容 column whose cells print their own points holds the items, the 评分标准 beside it
only explains them; a 分值 merged down a group of criteria that open with their name and points (`落实领导责任(1分)。…`)
totals the group; a table printed a row at a time with `|`-led cells (`三级指标` / `| 分值` / `|`) is read as one; a
notice announcing an inspection (`…督查工作的通知`, not one cited in 《》) is a reminder and its `督查内容` column holds
its tasks; an item's points in the line under its name come before its grades. 10NN 0.666 -> 0.872, 0NN 0.747 ->
0.776, no other part lower. A ninth unseen part, `heldout/unseen9/` (11NN, 28 documents, 54 label files, helpers x
and y), scored once at the end of round 16: **0.631** (assessment 0.773, rectification 0.682, reminder 0.763, report
0.760; txt 0.579, docx 0.646, pdf 0.821, xlsx 0.507; scores F1 0.179); the extractor before round 16 (f52464d): 0.561.

Round 17 (same day, test_round16.py), tuned on unseen9 once scored: signed values (`-2`) beside `减分项`/`加分项` rows of
their own; a column of `8分` under a header a scan garbled beside a 总分 merged down its section; 评分标准 rules that each
name what they are worth (`…,满分2.5分。`) are the items and the row's 分值 totals them; `满分X分` outweighs a point's
per-time `(0.3分)`; a flattened form's `检查项目 … 应得分数 扣减 分数 实得 分数` header, its `小计` no item; a page stored
with its HTML markup reads as its paragraphs; three points of work done told in figures, or a lead sentence naming a
整治 campaign over points that count, are a report; an unannounced check's `发现…存在…问题,现将有关情况予以通报` is a
problem list; problems run on after `存在…隐患,主要表现在:` are one item. 11NN 0.631 -> 0.827, 9NN 0.874 -> 0.882, no
other part lower.

Round 18 (2026-12-07, fifth session, test_round18.py), tuned on the earlier parts' scoring tables a sharing site's
preview glued into one run of text (their .docx/.xlsx forms already scored): a points column between text columns
(`序号项目标准分考核内容…1安全组织机构2查是否…`), sections numbered like their rows over rows `(1)`, `(2)` printing
their points at the end or as `满分X分`, sections printed `名称12分` over rows closing with their own `(4分)`; and a story
of a check that tells the faults found and orders them fixed, counting none of what it checked, is a problem list.
9NN 0.882 -> 0.892, 1NN 0.893 -> 0.899, 10NN 0.872 -> 0.892, 11NN 0.827 -> 0.866, 6NN 0.836 -> 0.838, 0NN 0.776 ->
0.779; no document of any part lower. A tenth unseen part, `heldout/unseen10/` (12NN, 27 documents, 53 label files,
helpers r and s), scored once at the end of round 18: **0.628** (assessment 0.601, rectification 0.707, reminder
0.923, report 0.763; txt 0.513, docx 0.774, pdf 0.806, xlsx 0.639; scores F1 0.271); the extractor before round 18
(abec35e) scores the same 0.628: round 18 carried nothing over.

Round 19 (same session, test_round18.py), tuned on unseen10 once scored: a glued table of sections `名称(200分)` over
unnumbered rows that print their name and points before their rule (`交通责任事故率30分每增0.01次/车,扣5分`). 12NN
0.628 -> 0.670, no other document changed.

Round 20 (2026-12-07, sixth session, test_round20.py), tuned on unseen10: an open-information page's metadata block
stored as a table names the title (`名称: | …工作总结`); a sharing site's greeting is chrome and its breadcrumb's last
step names a page flattened into one line; a scoring-table row whose item is its text column is read with the rule
beside it; a table without a header row (a page of a longer one) is read cell by cell as lines, where
`3.健康素养(15分)` over `(1)…(4分)` is a subtotal numbering its points `3(1)`; a `考核项` column over two criteria
printing their points; a glued header over glued rows a line; glued rows priced after their first cell under
bracketed sections (`…激励机制。25管理体制不顺畅…`; `2.人员` is a row, not `2人`); a glued traditional-character
repost read back as printed (`hanzi.printed_form`); an item printing its points after its name (`…情况 3分(1)…得1分`)
is not split into its grades. 12NN 0.670 -> 0.821; no document of another part changed. An eleventh unseen part,
`heldout/unseen11/` (13NN, 21 documents, 42 label files, helpers t and u), scored once at the end of round 20:
**0.675** (assessment 0.902, rectification 0.333, reminder 0.710, report 0.735; txt 0.667, docx 0.718, pdf 0.760,
xlsx 0.358; scores F1 0.701; deadlines of matched items 0.935); the extractor before round 20 (79969c8) scores the
same 0.675: round 20 carried nothing over, as round 18 did not.

Round 21 (same session, test_round20.py), tuned on unseen11 once scored: a story's first sentence citing a plan's
requirements (`按照实施方案要求`) names no plan. 13NN 0.675 -> 0.682, no other document changed.

Round 22 (seventh session, test_round22.py; test_bounded.py for speed). A twelfth unseen part, `heldout/unseen12/`
(14NN, 25 documents, 42 label files, helpers v and w), scored once before any tuning on it: **0.653** (assessment
0.853, rectification 0.563, reminder 0.881, report 0.967; txt 0.614, docx 0.931, pdf 0.737, xlsx 0.556; scores F1
0.449; deadlines of matched items 0.795). The extractor it was scored with differs from round 21 only by rewrites
that keep every prediction (per-document comparison over all parts) and make four one-line shapes linear: a glued
section over thousands of rows (one compiled pattern for every row number, the next section searched once), points
chained in one line (`assessment._split_next` walks the line once), a line of thousands of figures
(`report._stat` reads bounded windows), and thousands of dated tasks (`deadline.find_dates` finds overlaps by
bisection); each took 10-48 s before and takes under 4 s now. Then tuned on unseen11 and unseen12: a letter's
numbered points laid out as a headerless table (`parsers/list_tables.py`: `1 | 密切关注…`, `一 | 加强…`) read as
its paragraphs; a story telling what inspections found at one named place a paragraph (`…检查时发现,该单位…`;
places `;` apart that each `存在…隐患`) lists those problems; `存在的火灾隐患情况:1、…` numbers problems; requirements
`一是…` after a lead naming the problems (`对…存在的问题明确作出了要求,`) are measures; 箱 and 盘 count seized goods
(not `一盘棋`); a news story's dated first sentence names the campaign, not the genre. unseen11 0.682 -> 0.850,
unseen12 0.653 -> 0.789, unseen10 0.821 -> 0.829; no document of any other part changed.

Round 23 (eighth session, test_round23.py). First, where a rendering of a document (Word, Excel, PDF) read worse
than its own text in the earlier parts, the reader or table rule at fault was fixed, tuned on those parts only: a
sheet of numbered points cut from the middle of a plan (`(三) | …`, a merged heading row, `(一) | …` again) and a
`序号 | 整治步骤` table whose second header cell names no field are read as paragraphs (`list_tables.py`); a preview
rendered without the site's lines but opening `1、 <title>` is read as a glued scheme as with them (`glued.py`); a
heading marker in the 序号 column (`一、 | 校园周边存在的不安全隐患`) is a group row (`columns.py`); a site's cell of
numbered problems in a table without a 序号 column is one item each (`tables.py`); `隐患单位名称` names the site,
not a unit; a PDF table's row numbered on from the last page's is a row of its own and a PDF line opening with the
point after the paragraph's is a new paragraph (`readers/pdf.py`). train 0.957 -> 0.960, fresh 0.923 -> 0.927,
unseen2 0.838 -> 0.853, unseen3 0.875 -> 0.885, unseen7 0.779 -> 0.860, unseen9 0.866 -> 0.879, unseen5/unseen6
+0.002-0.003; no document lost. Then a thirteenth unseen part, `heldout/unseen13/` (15NN, 24 documents, 41 label
files, helpers x and y), scored once before any tuning on it: **0.658** (assessment 0.671, rectification 0.825,
reminder 0.858, report 0.756; txt 0.466, docx 0.828, pdf 0.769, xlsx 0.725; scores F1 0.565; genre 0.756;
deadlines of matched items 0.925). Its losses: the genre of news stories (a visit's `提出要求:一是…` labelled
reminder read as report, `听取…汇报` in a first sentence), schemes in sharing-site shapes, a plan glued into one
line. Tuned on it only for points printed at the start of the next line (`(2分)2、…`, `assessment._points_carried`)
and a heading's total run on into its first point: unseen13 0.687; no document of any other part changed.

Round 24 (ninth session, test_round24.py). Tuned on unseen13 first: a plan stored run on from its `附件:` line is
kept as the attachment (`layout.split_parts`) and titled up to its glued first heading (`title._GLUED_FIRST_HEADING`,
`…工作方案一、工作目标`); a first `一、` glued to the title starts the chain when a later heading follows a stop, and a
point glued to a staged step's period (`(8月26日至11月15日)1、`) is cut (`layout.unflatten`); a story's opening that
heard a report (`听取了…的汇报`) names no genre; a short activity title over `开展了…。一是…` is a report
(`genre._tells_activity`); a visit's requirements after `強調,` in traditional characters are points
(`prose._INLINE_WORD_ITEM`); `一是`/`二是` lines do not join as a broken sentence (`layout._continues`); `考核管理办法`
is an assessment. unseen13 0.687 -> 0.793; no document of any other part lost (unseen10 1205 changed its wrong items
for other wrong items). Then a fourteenth unseen part, `heldout/unseen14/` (16NN, 19 documents, 32 label files,
helpers x and y), scored once with that extractor before any tuning on it: **0.707** (assessment 0.639,
rectification 0.962, reminder 0.908, report 0.735; txt 0.644, docx 0.865, pdf 0.663, xlsx 0.789; scores F1 0.612;
genre 0.781; deadlines of matched items 0.971: docx, pdf, xlsx 1.000, txt 0.947). Its losses: schemes in
sharing-site glued shapes (`一、安全目标35分1.…;5制定…;5`, a total without brackets and sub-rows priced after `;`),
genre of schemes inside an 实施意见, a news story opening `本网讯` whose first sentence names a 专项整治. Tuned on it
only for that dateline (`genre._WIRE_LEAD`): unseen14 0.764.
"""

from __future__ import annotations

import re


def is_held_out(doc_name: str) -> bool:
    """Whether a training document (its file name, e.g. `214_….docx`) belongs to the held-out third."""
    number = re.match(r"^2(\d\d)_", doc_name)
    return bool(number) and int(number.group(1)) % 3 == 2  # type: ignore[union-attr]


def is_heldout_untouched(doc_name: str) -> bool:
    """Whether a `heldout/` document (its file name, e.g. `331_….pdf`) belongs to its untouched third
    (3NN with NN % 3 == 0, renderings included); the rest of `heldout/` is a tuning part."""
    number = re.match(r"^3(\d\d)_", doc_name)
    return bool(number) and int(number.group(1)) % 3 == 0  # type: ignore[union-attr]


def is_fresh(doc_name: str) -> bool:
    """Whether a document (its file name, e.g. `405_….xlsx`) belongs to `heldout/fresh/` (4NN; see
    `is_fresh_untouched` for its two halves)."""
    return re.match(r"^4\d\d_", doc_name) is not None


def is_fresh_untouched(doc_name: str) -> bool:
    """Whether a `heldout/fresh/` document (its file name, e.g. `402_….docx`) belongs to the fresh part's untouched
    half (4NN with NN even, renderings included; round 5); the odd half (401, 403, …, 439) is a tuning part."""
    number = re.match(r"^4(\d\d)_", doc_name)
    return bool(number) and int(number.group(1)) % 2 == 0  # type: ignore[union-attr]


def is_unseen(doc_name: str) -> bool:
    """Whether a document (its file name, e.g. `507_….docx`) belongs to an unseen part: `heldout/unseen/` (5NN,
    round 6), `heldout/unseen2/` (6NN, round 7), `heldout/unseen3/` (7NN, round 8), `heldout/unseen4/` (8NN, round
    9), `heldout/unseen5/` (9NN, round 10), `heldout/unseen6/` (1NN, round 11), `heldout/unseen7/` (0NN, round
    12), `heldout/unseen8/` (10NN, four digits, round 14), `heldout/unseen9/` (11NN, round 16) or
    `heldout/unseen10/` (12NN, round 18), `heldout/unseen11/` (13NN, round 20), `heldout/unseen12/` (14NN,
    round 22), `heldout/unseen13/` (15NN, round 23) or `heldout/unseen14/` (16NN, round 24). Scored in aggregate
    only, once each while unseen, with `ANJIAN_SCORE_UNSEEN=<part>` (test_unseen.py); all have been tuning parts since
    their scoring."""
    return re.match(r"^(?:[0156789]\d\d|1[0-6]\d\d)_", doc_name) is not None


def doc_format(doc_name: str) -> str:
    """The format of a training document from its file name: txt, docx, xlsx or pdf."""
    return doc_name.rsplit(".", 1)[-1].lower()
