"""The metric of a reported figure: what is measured, as written, without value, qualifier or verb.

Two places hold it: the noun phrase before a level ("Tỷ lệ hồ sơ xử lý trực tuyến đạt 36,9%"),
cleaned of framing (times, sources, "Đặc biệt,") and of the verb; or, for a counted figure that
stands first or follows "có", its counted noun and the predicate after it ("44/63 địa phương đã
triển khai ..."). A few clause shapes build it from a neighbour: "đạt tỷ lệ 77%" after a count,
"chiếm 57,8% sản lượng" (a share), "đóng góp 5,72%" (the previous subject's contribution), an
elliptic clause ("lĩnh vực ngân hàng đạt 42,4%") and a change-only figure's aspect ("về giá trị").
"""

from __future__ import annotations

import bisect

import regex

from vnextract import clauses
from vnextract import indicator_lexicon as lex
from vnextract.context import Analysis, Extracted
from vnextract.indicator_figures import (
    COUNTED_KINDS,
    Figure,
    Mentions,
    next_live_start,
    occurrences,
    previous_live,
)
from vnextract.patterns import norm_key
from vnextract.records import Quantity, TimeExpression
from vnextract.text import DASHES, Span
from vnextract.tokenize import Token

# Kinds whose amount may be followed by the noun it measures ("2,3 tỷ USD vốn FDI").
OBJECT_KINDS = frozenset({"money", "measure"})
BEFORE_WINDOW = 160  # characters read before a figure for verbs and qualifiers
LEFT_WINDOW = 400  # characters of left context read for a metric (30 words are well within it)
SHARE_KINDS = frozenset({"percent", "fraction"})  # figures that may state a share
RANK_TOPIC_REACH = 30  # "xếp thứ 44/133 quốc gia về ...": how far into the predicate the topic may start
SHARE_PREFIX, SHARE_JOIN = "tỷ trọng ", " trong "  # how a share's metric is written: "tỷ trọng A trong B"
COORDINATORS = frozenset({"và", ",", "và có", ", và"})  # what may stand between coordinated levels
MAX_METRIC_WORDS = 30
MAX_REPEAT_WORDS = 3  # the longest phrase a join may repeat
MAX_OWNER_WORDS = 6  # "Cầu Rạch Miễu 2 có tổng chiều dài": an owner named before "có" is short
DATELINE_GRAINS = frozenset({"day", "hour", "minute", "second"})
TEMPLATE_SUBJECT_WORDS = 5  # "thủy điện 21,3%": a list item short enough to fill the previous template
TRAILING_VERB_WORDS = 6  # "đã tiếp nhận xử lý": the verbs right before a figure are few
FALLBACK_METRIC_WORDS = 8
SHORT_PREDICATE_WORDS = 3  # "lượt khám, chữa bệnh": a predicate this short needs the clause before it
COUNTED_NOUN_WORDS = 3  # "100% huyện, ...": at most this many words name what a percent counts
MAX_PREDICATE_WORDS = 14  # a counted figure's predicate longer than this runs into the next clause
LONG_LEFT_CONTEXT = 30  # words: more than this before a figure is a preceding clause, not its metric
STATUS_ROLES: tuple[lex.Role, ...] = ("target", "estimate")  # the status words a left context may hold
# The verb and status words peeled off the end of a left context, in the order that breaks ties.
PEELED_ROLES: tuple[lex.Role, ...] = ("existential", "link", "estimate", "target", "to_level")
FRAMING_ROLES: tuple[lex.Role, ...] = ("framing", "existential")  # dropped from the end of a left context
# Roles whose words after a percent mean it is not followed by the noun it counts.
# Verbs of the clause, not of the metric ("đạt", "có", "phấn đấu", "dự kiến").
NOT_METRIC_VERB_ROLES: tuple[lex.Role, ...] = ("link", "existential", "target", "estimate")
NOT_NOUN_ROLES: tuple[lex.Role, ...] = (
    "link",
    "change_increase",
    "change_decrease",
    "comparative_increase",
    "comparative_decrease",
    "overrun",
    "baseline_marker",
    "plan_baseline",
    "preposition",
    "clause_break",
    "to_level",
    "framing",
    "existential",
    "post_qualifier",
)


def _is_bare_head(phrase: str) -> bool:
    """'tỷ lệ', 'số tiền': a head that needs a complement ("đạt tỷ lệ 77%" after a count)."""
    return bool(lex.word_pattern("bare_head").fullmatch(phrase.strip()))


def fallback_metric(an: Analysis, f: Figure, sent: Span) -> str:
    words = an.text[sent.start : f.anchor].replace(",", " ").split()[-FALLBACK_METRIC_WORDS:]
    return " ".join(words) or an.text[f.start : f.end]


def metric_of(
    an: Analysis,
    f: Figure,
    figures: list[Figure],
    previous: str,
    times: Mentions[TimeExpression],
    live_starts: list[int],
) -> str:
    if f.alias_of is not None and f.alias_of.metric:
        return f.alias_of.metric
    text = an.text
    q = f.ext.record
    left, existential, linked, planned = _left_context(an, f, figures, times)
    if not existential and not linked and f.ext.record.kind not in COUNTED_KINDS:
        left = _possessed_measure(left)
    right = ""
    own = text[f.start : f.end]
    unit_words = _unit_words(own, q)
    # "dân số khoảng 4,41 triệu người, mật độ ...": a comma right after the figure closes its clause.
    closed = text[f.end : f.end + 2].lstrip(" ").startswith(",")
    predicate = ""
    if not closed:
        after_end = clauses.right_context_end(text, f.end, f.segment, live_starts)
        nxt = next_live_start(f, figures, after_end)
        predicate = _without_times(text, f.end, min(after_end, nxt), times)
    if len(predicate.split()) > MAX_PREDICATE_WORDS:
        predicate = " ".join(predicate.split()[:MAX_PREDICATE_WORDS])
    coordinated = _coordinated_predicate(an, f, live_starts)
    if coordinated and not predicate:
        predicate = coordinated
    elif coordinated and q.kind == "percent" and len(predicate.split()) <= 2:
        # "100% huyện, hơn 97% xã trên toàn quốc đã kết nối mạng": keep this noun, share the rest.
        predicate = f"{predicate} {_drop_first_word(an, coordinated, f)}".strip()
    if f.role == "value" and (
        q.kind in COUNTED_KINDS or (q.kind == "percent" and _starts_with_noun(an, f.end))
    ):
        right = " ".join(x for x in (unit_words, predicate) if x)
    metric = ""
    from_right = False
    verbs: str | None = None  # _trailing_verbs(an, f), once a branch has needed it
    tagged: list[list[Token]] = []  # the left context's tagged words, once a branch has needed them

    def left_tokens() -> list[Token]:
        if not tagged:
            tagged.append(_left_tokens(an, f, left, _left_context_end(an, f)))
        return tagged[0]

    if f.role == "value" and bracketed(text, f):
        # "như Ninh Bình (78,2%), Phú Thọ (74,6%)": the measure of the list, not the name it belongs to.
        metric = _bracketed_metric(left, previous)
    elif q.kind == "rank" and f.role == "value":
        # "xếp thứ 20/112", "Hà Nội xếp thứ 4/63 về thu hút FDI": the ranking of the previous metric or topic.
        # "xếp thứ 44/133 quốc gia về Chỉ số đổi mới sáng tạo": the topic may follow the ranked set.
        about = f" {predicate.lower()} ".find(" về ", 0, RANK_TOPIC_REACH)
        topic = predicate[about + len("về ") :].strip() if about != -1 else ""
        subject = left if left and not _bare_verbs(left_tokens()) else ""
        metric = "xếp hạng " + (topic or previous or subject or _segment_subject(text, f))
    elif f.role == "change":
        # "tăng 76% về số lượng và 30,6% về giá trị": the subject, then the aspect of this amount.
        head = left
        if f.elliptic:
            k = f.index
            head = figures[k - 1].head if k > 0 and figures[k - 1].head else left
        f.head = head
        metric = f"{head} {_aspect(text, f)}".strip()
    elif (
        f.role == "value"
        and q.kind == "percent"
        and linked
        and not left
        and previous
        and (plan := _plan_after(text, f.end))
    ):
        # "đạt 76,8% kế hoạch năm", "bằng 121,5% dự toán": the previous figure against its plan.
        metric = f"{previous} so với {plan.group().strip()}"
    elif linked and (left or previous) and _share_verb(an, f) and predicate:
        # "nhiệt điện than chiếm 57,8% sản lượng huy động", "..., chiếm 35% tổng lượng khách": a share.
        metric = f"{SHARE_PREFIX}{left or previous}{SHARE_JOIN}{_before_framed_clause(predicate)}"
    elif linked and left and previous and _share_verb(an, f):
        # "Trong đó, điện cho công nghiệp chiếm 52%": a share of the measure before it.
        metric = f"{SHARE_PREFIX}{left}{SHARE_JOIN}{_share_whole(previous)}"
    elif (
        f.role == "value"
        and q.kind == "percent"
        and linked
        and not left
        and previous
        and (versus := _comparison_after(text, f))
    ):
        # "đón 17,5 triệu lượt khách, ..., đạt 97% so với năm 2019": the level against another period's.
        metric = f"{previous} {versus}"
    elif f.role == "value" and q.kind == "percent" and linked and not left and previous and predicate:
        # "thu nhận 3.412.560 hồ sơ, đạt 99,1% số công dân thuộc diện cấp": the share of a population.
        metric = f"tỷ lệ {predicate} {previous}"
    elif linked and left and _is_bare_head(left) and previous:
        metric = f"{left} {previous}"
    elif (
        f.role == "value"
        and q.kind not in COUNTED_KINDS
        and left
        and not linked
        and _earlier_in_segment(f, figures)
        and _bare_verbs(left_tokens())
        # "trong đó xuất khẩu 18 tỷ USD, nhập khẩu 14 tỷ USD": list items, not a verb of the subject
        and not _listed_level(text, f, figures)
    ):
        # "..., đóng góp 5,72% vào tổng giá trị tăng thêm": the verb of the previous figure's subject.
        tail = predicate if _starts_with_preposition(predicate) else ""
        metric = f"{left} của {_subject_before(f, figures, previous)} {tail}".strip()
    elif f.role == "value" and previous and lex.prefix_pattern("comparative_level").match(left):
        # "mới đạt 78,5%, thấp hơn mức 85% ...": the level compared with is the same measure.
        metric = previous
    elif right and planned and linked and q.kind in COUNTED_KINDS:
        # "ngành y tế phấn đấu đạt 35 giường bệnh/vạn dân": who plans is not what is counted.
        metric = right
    elif linked and left and predicate and _is_agent(left) and _starts_with_noun(an, f.end):
        # "tỉnh đạt 5.000 tỷ đồng vốn FDI", "Hà Nội đạt ...": a place is no measure; the noun after is.
        metric = predicate.split(",", 1)[0].strip()
        from_right = True
    elif linked and left:
        metric = left
    elif (
        (existential or not left)
        and f.role == "value"
        and q.kind in OBJECT_KINDS
        and predicate
        and _starts_with_noun(an, f.end)
    ):
        # "toàn tỉnh có 2.100 km đường giao thông nông thôn được cứng hóa": what the amount measures,
        # up to the next comma ("có hơn 440.000 ha nuôi tôm, trở thành ...") and without a dangling "vào".
        metric = predicate.split(",", 1)[0].strip()
        while (m := lex.suffix_pattern("preposition").search(metric)) is not None and m.start() > 0:
            metric = metric[: m.start()].strip()
        from_right = True
    elif (
        q.kind in OBJECT_KINDS
        and predicate
        and _starts_with_noun(an, f.end)
        and (verbs := _trailing_verbs(an, f))
    ):
        # "Hà Nội thu hút 2,3 tỷ USD vốn FDI": the verb and the noun that follows the amount.
        metric = f"{verbs} {predicate}"
        from_right = True
    elif right and existential and not predicate and left and q.kind in COUNTED_KINDS:
        # "bảo hiểm xã hội tự nguyện có hơn 1,9 triệu người, tăng ...": the counted noun of the subject.
        metric = f"{right} {left}"
    elif right and (
        predicate
        or existential
        or not left
        or (verbs := _trailing_verbs(an, f))
        or _bare_verbs(left_tokens())
    ):
        metric = f"{_trailing_verbs(an, f) if verbs is None else verbs} {right}".strip()
        if len(predicate.split()) <= SHORT_PREDICATE_WORDS and not existential and _has_verb(left_tokens()):
            # "quỹ bảo hiểm y tế đã thanh toán chi phí cho 91,3 triệu lượt khám, chữa bệnh": who did it.
            metric = f"{right} {_past_status_words(left)}"
        from_right = True
    elif right and q.kind in COUNTED_KINDS and not linked and not predicate:
        # "bình quân mỗi ngày khoảng 27.000 hồ sơ": the counted noun first, then what qualifies it.
        metric = f"{right} {left}"
    elif left:
        metric = left
    else:
        metric = right or unit_words
        from_right = True
    if metric and _is_bare_head(metric) and previous:
        metric = f"{metric} {previous}"
    if f.role == "value":
        f.head = metric
        f.subject = left
        # "nhiệt điện than chiếm 57,8% sản lượng huy động, thủy điện 21,3%": the list repeats a template.
        g = previous_live(f, figures)
        # "chiếm gần ba phần tư ..., tiếp đến là công nghiệp với 23,1%": shares of either kind.
        kinds = {g.ext.record.kind, q.kind} if g is not None else set()
        same_kind = g is not None and (len(kinds) == 1 or kinds <= SHARE_KINDS)
        if g is not None and not linked and not predicate and metric == left and same_kind:
            metric = _from_template(g, left) or metric
    if f.role == "value" and q.kind == "measure":
        metric = _with_dimension(an, f, metric, predicate)
    metric = _elliptic(metric, previous)
    if not metric:
        metric = previous
    # "doanh nghiệp thành lập mới trong [tháng 9/2024]": a preposition whose time was taken out.
    while (m := lex.suffix_pattern("preposition").search(metric)) is not None and m.start() > 0:
        metric = metric[: m.start()].rstrip(" ,")
    words = metric.split()
    if len(words) > MAX_METRIC_WORDS:
        metric = " ".join(words[:MAX_METRIC_WORDS] if from_right else words[-MAX_METRIC_WORDS:])
    return _lower_first(_collapse_repeats(metric))


def _collapse_repeats(metric: str) -> str:
    """'tỷ lệ diện tích diện tích thu hoạch' -> 'tỷ lệ diện tích thu hoạch': pieces joined from two places."""
    words = metric.split()
    low = metric.lower().split()  # lower-casing changes no white space: the same words
    if len(set(low)) == len(low):
        return " ".join(words)  # no word occurs twice: nothing can repeat (most metrics)
    for n in range(MAX_REPEAT_WORDS, 0, -1):
        k = 0
        while k + 2 * n <= len(low):
            if low[k] == low[k + n] and low[k : k + n] == low[k + n : k + 2 * n]:
                del words[k + n : k + 2 * n], low[k + n : k + 2 * n]
            else:
                k += 1
    return " ".join(words)


def _tokens_before(an: Analysis, sent: Span, end: int, limit: int = MAX_METRIC_WORDS) -> list[Token]:
    """The last ``limit`` tagged words of a sentence that end by ``end`` (tagged once per sentence)."""
    tokens = an.words(sent, pos=True)
    k = bisect.bisect_right(tokens, end, key=lambda t: t.end)
    return tokens[max(0, k - limit) : k]


def _left_tokens(an: Analysis, f: Figure, left: str, end: int) -> list[Token]:
    """The sentence's tokens that spell the cleaned left context (the last ones before ``end``)."""
    sent = an.sentence_of(f.start)
    if sent is None or not left:
        return []
    tokens = _tokens_before(an, sent, end)
    n_words = len(left.split())
    picked: list[Token] = []
    for t in reversed(tokens):
        if sum(len(p.text.split()) for p in picked) >= n_words:
            break
        picked.append(t)
    joined = " ".join(t.text for t in reversed(picked))
    return list(reversed(picked)) if joined.lower() == left.lower() else []


def _bare_verbs(tokens: list[Token]) -> bool:
    """Is the left context (its tagged words) only verbs ("đóng góp", "xếp", "đứng")? Then it has no
    subject of its own."""
    return bool(tokens) and all((t.tag or "").startswith("V") for t in tokens)


def _left_context_end(an: Analysis, f: Figure) -> int:
    """Where the cleaned left context ends: before the link verb and status words."""
    text = an.text
    raw = text[f.segment.start : f.anchor]
    while True:
        stripped = raw.rstrip(" ,")
        m = None
        for role in ("link", "estimate", "target", "existential"):
            m = lex.suffix_pattern(role).search(stripped)
            if m:
                break
        if not m:
            break
        raw = stripped[: m.start()]
    return f.segment.start + len(raw.rstrip(" ,"))


def _earlier_in_segment(f: Figure, figures: list[Figure]) -> bool:
    return previous_live(f, figures) is not None


def _subject_before(f: Figure, figures: list[Figure], previous: str) -> str:
    """The subject of the figure before this one in its segment ("khu vực dịch vụ tăng 8,14%, đóng góp")."""
    g = previous_live(f, figures)
    return (g.head or g.metric or previous) if g is not None else previous


def _has_verb(tokens: list[Token]) -> bool:
    return any((t.tag or "").startswith("V") for t in tokens)


def _before_framed_clause(predicate: str) -> str:
    """'số doanh nghiệp thành lập mới, tiếp đến là công nghiệp': a comma and a framing word end the noun
    (a comma alone does not: "nông, lâm, thủy sản")."""
    for k, ch in enumerate(predicate):
        if ch == "," and lex.prefix_pattern("framing").match(predicate, k + 1):
            return predicate[:k].strip()
    return predicate


def _share_whole(metric: str) -> str:
    """The whole a metric measures: "thủy điện chiếm 28,5%; nhiệt điện chiếm 45,1%" are both shares of the
    total before them, so a share's whole is the whole of the previous share, not that share."""
    if metric.startswith(SHARE_PREFIX) and SHARE_JOIN in metric:
        return metric[metric.index(SHARE_JOIN) + len(SHARE_JOIN) :]
    return metric


def _share_verb(an: Analysis, f: Figure) -> bool:
    before = an.text[f.segment.start : f.anchor]
    return bool(lex.suffix_pattern("share").search(before))


def _starts_with_preposition(s: str) -> bool:
    return bool(s) and bool(lex.prefix_pattern("preposition").match(s))


def _left_context(
    an: Analysis, f: Figure, figures: list[Figure], times: Mentions[TimeExpression]
) -> tuple[str, bool, bool, bool]:
    """The cleaned noun phrase before a figure; whether 'có' introduced it; whether a link verb did;
    whether a plan word stood between them ("phấn đấu đạt")."""
    text = an.text
    seg = f.segment
    end = f.anchor
    start = seg.start
    g = previous_live(f, figures)
    occ = occurrences(an)
    respectively = occ.find("respectively", start, end)
    if g is not None and respectively is not None and g.end <= respectively.start():
        # "Tỷ lệ ... của ba tỉnh A, B, C lần lượt là 99,5%, ...": figures in the subject are part of it.
        g = None
    if g is not None and g in f.changes and g.end <= end:
        # "Giá xăng giảm 350 đồng/lít, xuống còn 22.450 đồng/lít": the subject stands before the change.
        end = g.anchor
        g = previous_live(g, figures)
    if g is not None and g.end <= end:
        comma = text.find(",", g.end, end)
        start = max(start, comma + 1 if comma != -1 else g.end)
        # "3.450 doanh nghiệp đang hoạt động với tổng vốn đăng ký 95.000 tỷ đồng": "với" opens this one.
        joins = [
            m
            for m in occ.find_all("accompaniment", start, end)
            if text[m.end() : end].strip()
            and not lex.suffix_pattern("baseline_marker").search(text, start, m.end())  # not "so với"
        ]
        if joins:
            start = joins[-1].start()
        if g.baseline is not None and start <= g.baseline.end <= end:
            start = g.baseline.end  # "tăng 5,6% so với cùng kỳ và đạt 76,8% ...": past the comparison
    paren = text.rfind("(", start, end)
    if paren != -1 and text.find(")", paren, end) == -1 and text[paren + 1 : end].strip():
        # "380/400 xã đạt chuẩn (đạt 95%)": a figure inside an open bracket reads only the bracket.
        start = paren + 1
    colon = _label_colon(text, start, end)
    if colon != -1:
        after_colon = text[colon + 1 : end].strip(" ,")
        if after_colon and not lex.word_pattern("link").fullmatch(after_colon):
            start = colon + 1
        else:
            # "- Thu ngân sách: 18.200 tỷ đồng": a label before the colon names the figure.
            end = colon
    if end - start > LEFT_WINDOW:
        # A metric is never this long: read only the end of a long run (from a word boundary).
        space = text.find(" ", end - LEFT_WINDOW, end)
        start = space + 1 if space != -1 else end - LEFT_WINDOW
    raw = text[start:end]
    existential = linked = to_level = planned = False
    # Peel the verb and status words between the metric and the figure ("ước đạt", "đạt", "là").
    first = True
    while True:
        stripped = raw.rstrip(" ,")
        # The longest phrase wins ("xuống còn" is a new level, not the existential "còn"), then the order:
        # one search of them all finds it (most contexts end in none).
        if (m := lex.suffix_union(PEELED_ROLES).search(stripped)) is None:
            break
        framing = lex.suffix_pattern("framing").search(stripped)
        if (union_role := lex.union_role(PEELED_ROLES, m)) is not None:
            role = union_role
        else:
            found = [
                (m, r) for r in PEELED_ROLES if (m := lex.suffix_pattern(r).search(stripped)) is not None
            ]
            if not found:
                break
            m, role = min(found, key=lambda x: x[0].start())
        if first:
            existential = role == "existential" or (
                role != "to_level" and lex.suffix_pattern("existential").search(stripped) is not None
            )
            first = False
        # "đặc biệt là 12 nhiệm vụ": a framing phrase ending in a link word does not link a metric.
        if framing is not None and framing.start() < m.start():
            m = framing
        elif role in ("link", "estimate", "to_level") and not existential:
            linked = True
        if role == "to_level":
            to_level = True
        planned = planned or role == "target"
        raw = stripped[: m.start()]
    cleaned = _clean_left(an, start, start + len(raw), times)
    # A counted figure keeps the verb with its subject ("lượt khách tỉnh phấn đấu đón"): the noun is after it.
    # Only the status words of the window can be in its cleaned text.
    roles: tuple[lex.Role, ...] = tuple(r for r in STATUS_ROLES if occ.may_occur(r, start, start + len(raw)))
    rest = _after_status_verb(cleaned, bare_verb=f.ext.record.kind not in COUNTED_KINDS, roles=roles)
    if rest is not None:
        # "tỉnh phải đạt tốc độ tăng trưởng kinh tế 11%": the measure follows the status and its verb.
        cleaned, linked, planned = rest, True, True
    if (m := lex.prefix_pattern("link").match(cleaned)) is not None and m.end() < len(cleaned):
        # "..., đạt tỷ lệ 77%": the verb opens the clause, its head follows.
        cleaned, linked = cleaned[m.end() :].strip(), True
    if to_level:
        # "nâng tỷ lệ phòng học trên lớp lên 0,98": the changed measure follows the verb;
        # "tỷ lệ hộ nghèo giảm xuống dưới 4%": it precedes it.
        # "giảm từ 1.250 hộ năm 2021 xuống còn 430 hộ": the level it started from goes with the verb.
        verbs = [
            m
            for role in ("change_increase", "change_decrease")
            for m in lex.word_pattern(role).finditer(cleaned)
        ]
        if verbs:
            m = max(verbs, key=lambda v: v.start())
            subject = cleaned[: m.start()].strip(" ,")
            # "để nâng tổng số trạm 5G lên 20.000 trạm": with no subject before it, the measure follows;
            # "thành phố đặt chỉ tiêu nâng tỷ lệ ... lên 20%": so it does after a verb that acts on it.
            no_subject = (
                not subject
                or any(lex.word_pattern(role).fullmatch(subject) for role in ("clause_break", "framing"))
                or lex.suffix_pattern("causative").search(cleaned, 0, m.end()) is not None
            )
            cleaned = (cleaned[m.end() :] if no_subject else subject).strip()
        # "lãi suất tái cấp vốn từ 5% xuống 4,5%": the level it started from is not part of the measure.
        for old in lex.word_pattern("from_level").finditer(cleaned):
            if cleaned[old.end() :].strip()[:1].isdigit():
                cleaned = cleaned[: old.start()].strip(" ,")
                break
    return cleaned, existential, linked, planned


def dated_dash(t: Extracted[TimeExpression], after: str) -> bool:
    """'Bắc Ninh, ngày 10/7/2024 - Tổng giá trị ...': a dash after a dated day closes a dateline."""
    return t.record.grain in DATELINE_GRAINS and bool(after) and after[0] in DASHES


def _dateline_end(t: Extracted[TimeExpression], after: str) -> bool:
    """'Cập nhật 19/05/2024, 20:46[GMT+7] Tỷ lệ ...': a timestamp before a capital word ends page metadata."""
    return t.record.datetime is not None and after[:1].isupper()


def bracketed(text: str, f: Figure) -> bool:
    """'Ninh Bình (78,2%)': a figure alone in brackets after what it is about."""
    before = text[max(0, f.start - 3) : f.start].rstrip()
    return before.endswith("(") and text[f.end : f.end + 2].lstrip().startswith(")")


def _bracketed_metric(left: str, previous: str) -> str:
    """The measure a bracketed figure gives for the name before it: the list's measure."""
    left = left.rstrip(" (")
    if previous and lex.prefix_pattern("comparative_level").match(left):
        return previous  # "đạt 42%, thấp hơn mức bình quân cả nước (43%)": the same measure elsewhere
    seps = list(lex.word_pattern("list_intro").finditer(left))
    cut = max([left.rfind(","), left.rfind(":"), *(m.start() for m in seps)])
    if cut != -1:
        rest = left[:cut].strip(" ,:")
    elif len(left.split()) <= TEMPLATE_SUBJECT_WORDS and left[:1].isupper():
        rest = ""  # "Phú Thọ (74,6%)": only the name of the next item
    else:
        return left  # "Tỷ lệ này cao hơn cùng kỳ năm 2024 (46,4%)": the sentence's own measure
    for source in (rest, previous):
        heads = [m for m in lex.word_pattern("bare_head").finditer(source) if " " in m.group()]
        if heads:
            return source[heads[0].start() :]
    return previous or rest


def _after_status_verb(
    left: str, *, bare_verb: bool = True, roles: tuple[lex.Role, ...] = STATUS_ROLES
) -> str | None:
    """What follows the last 'phải đạt' / 'phấn đấu đạt' (status word, link verb) in a left context."""
    found = None
    for role in roles:
        for m in lex.word_pattern(role).finditer(left):
            link = lex.prefix_pattern("link").match(left, m.end())
            if link is not None:
                end = link.end()
            elif bare_verb and lex.word_pattern("status_verb").fullmatch(m.group()):
                end = m.end()  # "tỉnh phấn đấu tốc độ tăng trưởng GRDP đạt 7%": the measure follows
            elif (tail := lex.suffix_pattern("link").search(m.group())) is not None and tail.start() > 0:
                end = m.end()  # "phải đạt" is one status phrase ending in a link verb
            else:
                continue
            if end < len(left) and (found is None or end > found):
                found = end
    if found is None:
        return None
    rest = left[found:].strip(" ,")
    # "phải phấn đấu để GRDP tăng ...": a purpose word opens the clause, not the measure.
    if (m := lex.prefix_pattern("clause_break").match(rest)) is not None:
        rest = rest[m.end() :].strip()
    return rest or None


def _plan_after(text: str, pos: int) -> regex.Match[str] | None:
    """'kế hoạch năm' right after a percent, or after 'so với' ("đạt 85% so với kế hoạch")."""
    pos = skip_spaces(text, pos)
    marker = lex.prefix_pattern("baseline_marker").match(text, pos)
    if marker is not None:
        pos = skip_spaces(text, marker.end())
    return lex.prefix_pattern("plan_baseline").match(text, pos)


def _with_dimension(an: Analysis, f: Figure, metric: str, predicate: str) -> str:
    """'An Giang xuống giống 231.460 ha lúa' -> 'diện tích xuống giống lúa': a verb alone names no measure."""
    unit = f.ext.record.unit
    dimension = lex.unit_dimensions().get(norm_key(unit)) if unit else None
    if not dimension:
        return metric
    verbs = _trailing_verbs(an, f)
    if not verbs or dimension in metric.lower():
        return metric
    low = metric.lower()
    subject = metric[: len(metric) - len(verbs)].strip() if low.endswith(verbs.lower()) else None
    if subject:
        # "tỉnh dự kiến xuống giống 230.000 ha": the status words are not part of the subject.
        while (
            m := lex.suffix_pattern("estimate").search(subject)
            or lex.suffix_pattern("target").search(subject)
        ) is not None and m.start() > 0:
            subject = subject[: m.start()].strip()
    # Only a name or a place word may stand before the verb ("An Giang xuống giống"), not a measure
    # ("công suất thiết kế").
    named = subject is not None and (
        not subject
        or all(w[:1].isupper() for w in subject.split())
        or lex.word_pattern("scope").fullmatch(subject) is not None
    )
    if not (named or low.startswith(verbs.lower())):
        return metric
    noun = predicate if _starts_with_noun(an, f.end) else ""
    return f"{dimension} {verbs} {noun}".strip()


def _past_status_words(phrase: str) -> str:
    """'tỉnh đặt mục tiêu đón' -> 'đón': who plans or estimates is not part of what is counted."""
    found = [m for role in ("target", "estimate") for m in lex.word_pattern(role).finditer(phrase)]
    if not found:
        return phrase
    rest = phrase[max(m.end() for m in found) :].strip()
    return rest or phrase


def _is_agent(phrase: str) -> bool:
    """'tỉnh', 'toàn thành phố', 'Hà Nội': a place or name standing where a measure would."""
    words = phrase.split()
    # Title-case words name a place ("Hà Nội"); an acronym is a measure ("GRDP", "PCI").
    named = all(w[:1].isupper() and not w.isupper() for w in words)
    return lex.word_pattern("scope").fullmatch(phrase) is not None or named


def _possessed_measure(left: str) -> str:
    """'Công trình có tổng chiều dài [519 km]' -> 'tổng chiều dài công trình': the measure S has."""
    found = list(lex.word_pattern("existential").finditer(left))
    if not found:
        return left
    m = found[-1]
    measure = left[m.end() :].strip(" ,")
    owner = left[: m.start()].strip(" ,")
    if not measure or not owner:
        return left
    owner = owner.rsplit(",", 1)[-1].strip()
    if lex.prefix_pattern("bare_head").match(owner):
        return left  # "tỷ lệ người dân có tài khoản": "có" inside the measure
    while (framing := lex.prefix_pattern("framing").match(owner)) is not None and framing.end() < len(owner):
        owner = owner[framing.end() :].strip()
    if lex.word_pattern("scope").fullmatch(owner) or len(owner.split()) > MAX_OWNER_WORDS:
        return measure  # "tỉnh có diện tích tự nhiên": the place is the scope, not part of the measure
    return f"{measure} {_lower_first(owner)}"


def _comparison_after(text: str, f: Figure) -> str:
    """'so với năm 2019' right after a percent, up to the next comma."""
    pos = skip_spaces(text, f.end)
    if lex.prefix_pattern("baseline_marker").match(text, pos, f.segment.end) is None:
        return ""
    comma = text.find(",", pos, f.segment.end)
    return _clean(text[pos : comma if comma != -1 else f.segment.end])


def _listed_level(text: str, f: Figure, figures: list[Figure]) -> bool:
    """'trong đó xuất khẩu 18 tỷ USD, nhập khẩu 14 tỷ USD': a level after a level in a breakdown is the next
    item ("xuất khẩu" is tagged a verb); after a change ("tăng 8,91%, đóng góp 8,33%") the verb is real."""
    g = previous_live(f, figures)
    return (
        g is not None
        and g.role == "value"
        and lex.word_pattern("continuation").search(text, f.segment.start, f.anchor) is not None
    )


def _label_colon(text: str, start: int, end: int) -> int:
    """The last colon in ``text[start:end]`` that closes a label, not one inside a clock time ("20:46")."""
    colon = text.rfind(":", start, end)
    while 0 < colon < len(text) - 1 and text[colon - 1].isdigit() and text[colon + 1].isdigit():
        colon = text.rfind(":", start, colon)
    return colon


def _splits_a_word(an: Analysis, s: str, m: regex.Match[str], start: int, end: int) -> bool:
    """Would dropping ``m`` cut a word in two ("thực hiện", "máy tính")? Words are underthesea's."""
    pos = an.text.rfind(s[m.start() :], start, end)
    sent = an.sentence_of(pos) if pos >= 0 else None
    if sent is None:
        return False
    words = an.words(sent, pos=True)  # cached: the linker tags the sentences that hold figures anyway
    k = bisect.bisect_right(words, pos, key=lambda w: w.start) - 1
    return k >= 0 and words[k].start < pos < words[k].end


def _clean_left(an: Analysis, start: int, end: int, times: Mentions[TimeExpression]) -> str:
    """Drop framing: opening words, "Theo ...," sources, times, and a trailing 'có'/'đã'."""
    text = an.text
    pieces: list[str] = []
    pos = start
    for t in (t for t in times.between(start, end) if t.end <= end):
        after = text[t.end : end].lstrip(" ")
        if after.startswith(",") or _dateline_end(t, after) or dated_dash(t, after):
            # "Phấn đấu đến cuối năm, tỷ lệ ...": a time closing an opening clause ends the framing.
            pieces = []
            pos = end - len(after) + (1 if after[:1] in {",", *DASHES} and after else 0)
            continue
        piece = text[pos : t.start]
        # "tăng 3% vào tháng 5 và tăng 4,5%": the preposition goes with its time.
        if (m := lex.suffix_pattern("time_preposition").search(piece)) is not None:
            piece = piece[: m.start()]
        pieces.append(piece)
        pos = t.end
    pieces.append(text[pos:end])
    s = pieces[0].strip() if len(pieces) == 1 else " ".join(p.strip() for p in pieces if p.strip())
    s = s.replace(" ,", ",")
    changed = True
    while changed and s:
        changed = False
        low = s[:6].lower()
        if (low.startswith("theo ") or low.startswith("về ")) and "," in s:
            s = s[s.index(",") + 1 :].strip()
            changed = True
            continue
        m = lex.prefix_pattern("framing").match(s)
        if m and (m.end() == len(s) or not s[m.end()].isalnum()):
            s = s[m.end() :].lstrip(" ,")
            changed = True
            continue
        stripped = s.lstrip(",.-–—)(\"' ")
        if stripped != s:
            s = stripped
            changed = True
    while s:
        stripped = s.rstrip(" ,")
        m = (
            lex.suffix_pattern("framing").search(stripped)
            or lex.suffix_pattern("existential").search(stripped)
            if lex.suffix_union(FRAMING_ROLES).search(stripped) is not None
            else None
        )
        if (
            not m
            or (m.start() == 0 and m.end() < len(stripped))
            or _splits_a_word(an, stripped, m, start, end)
        ):
            s = stripped
            break
        s = stripped[: m.start()]
    # "kim ngạch xuất khẩu của cả nước trong tháng 6": a preposition left dangling by a dropped scope.
    while (m := lex.suffix_pattern("preposition").search(s)) is not None and m.start() > 0:
        s = s[: m.start()].rstrip(" ,")
    # "Ông X, Giám đốc Sở cho biết, ...", "HQ Online) - Theo Tổng cục Hải quan, ...": drop the attribution.
    for m in reversed(list(lex.word_pattern("speech").finditer(s))):
        if s[m.end() :].strip(" ,:"):  # "giá đô la Mỹ niêm yết [ở mức]": the verb closes its own subject
            s = s[m.end() :].lstrip(" ,:")
        break
    for sep in (" - ", " – "):
        k = s.rfind(sep)
        if k == -1:
            continue
        # "(HQ Online) - Theo ...", "Hà Nội, 02/7/2024 - ...": a dateline, not "3 - 5 sao" or "tôm - lúa".
        head = s[:k].rstrip()
        dateline = head.endswith(")") or head[-4:].isdigit()  # "(HQ Online)", "02/7/2024"
        if dateline or s[k + len(sep) :].lower().startswith("theo"):
            s = s[k + len(sep) :]
    low = s.lower()
    k = low.rfind("theo ")
    if k != -1 and (k == 0 or not low[k - 1].isalnum()) and "," in s[k:]:
        s = s[s.index(",", k) + 1 :]
    s = s.strip(" ,")
    while (m := lex.prefix_pattern("framing").match(s)) and (m.end() == len(s) or not s[m.end()].isalnum()):
        s = s[m.end() :].lstrip(" ,")
    # "Trên tuyến Quốc lộ 14, đoạn qua tỉnh Đắk Lắk, lưu lượng xe": opening adjuncts end at the last comma.
    # "Khi mùa sầu riêng đạt đỉnh, lượng xe ...": so do adverbial clauses.
    if "," in s and (lex.prefix_pattern("preposition").match(s) or lex.prefix_pattern("adverbial").match(s)):
        s = s[s.rindex(",") + 1 :].strip()
    # A long run before the metric is a preceding clause: keep what follows its last comma.
    if len(s.split()) > LONG_LEFT_CONTEXT and "," in s:
        s = s[s.rindex(",") + 1 :].strip()
    return s.strip(" ,")


def _clean(s: str) -> str:
    return s.strip(" ,.;:-–—\n")


def _unit_words(own: str, q: Quantity) -> str:
    """The counted noun as written inside the figure ("14 bộ, ngành" -> "bộ, ngành")."""
    if q.kind not in COUNTED_KINDS or not q.unit:
        return ""
    k = own.lower().find(q.unit.lower())
    if k == -1:
        return q.unit
    tail = own[k:]
    if "/" in tail and q.per:
        tail = tail[: tail.index("/")]
    return tail.strip()


def _starts_with_noun(an: Analysis, pos: int) -> bool:
    """Is the word after a percent a noun ("100% huyện"), not a verb, comparison or punctuation?

    underthesea's tags are unreliable on these phrases ("người dân" as a verb), so the test is
    lexical: a word follows directly and it is none of the linker's function words.
    """
    text = an.text
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos >= len(text) or not text[pos].isalpha():
        return False
    if lex.prefix_union(NOT_NOUN_ROLES).match(text, pos) is None:
        return True  # one match rules out every function word
    return not any(lex.prefix_pattern(role).match(text, pos) for role in NOT_NOUN_ROLES)


def _trailing_verbs(an: Analysis, f: Figure) -> str:
    """The verbs right before a figure ("đã tiếp nhận xử lý hơn 77 triệu"), which belong to its metric."""
    sent = an.sentence_of(f.start)
    if sent is None:
        return ""
    words = _tokens_before(an, sent, f.anchor, TRAILING_VERB_WORDS)
    verbs: list[str] = []
    for k, t in enumerate(reversed(words)):
        if k == 0 and t.tag == "R" and lex.word_pattern("verb_particle").fullmatch(t.text):
            verbs.append(t.text)  # "trồng mới 1.200 ha": the particle completes the verb before it
            continue
        if (
            t.tag == "V"
            and not (
                lex.suffix_union(NOT_METRIC_VERB_ROLES).search(t.text) is not None  # rules all four out
                and any(lex.word_pattern(role).fullmatch(t.text) for role in NOT_METRIC_VERB_ROLES)
            )
            # "có thêm 1.020 doanh nghiệp": the last word of an existential phrase is no verb of the metric.
            and not lex.suffix_pattern("existential").search(an.text[max(sent.start, t.end - 20) : t.end])
        ):
            verbs.append(t.text)
            continue
        if t.tag == "R" and verbs:
            break
        break
    if all(lex.word_pattern("verb_particle").fullmatch(v) for v in verbs):
        return ""  # "đạt được 5%": a particle with no verb of the metric before it
    return " ".join(reversed(verbs))


def _coordinated_predicate(an: Analysis, f: Figure, live_starts: list[int]) -> str:
    """'14 bộ, ngành và 52 địa phương đã ban hành ...': coordinated counts share the last one's predicate."""
    last = f.chain_end
    if last is None or last is f:
        return ""
    end = clauses.right_context_end(an.text, last.end, last.segment, live_starts)
    # Only a predicate is shared ("đã kết nối mạng"), not the rest of the last item's own noun.
    sent = an.sentence_of(last.end)
    tokens = an.words(sent, pos=True) if sent is not None else []
    k = bisect.bisect_left(tokens, last.end, key=lambda t: t.start)
    if not any((t.tag or "").startswith(("V", "R")) for t in tokens[k:] if t.end <= end):
        return ""
    return _clean(an.text[last.end : end])


def link_coordinations(text: str, figures: list[Figure]) -> None:
    """Set each level's ``chain_end``: the last level coordinated with it ("A, B và C ...") in one pass."""
    values = [f for f in figures if f.role == "value"]
    following: Figure | None = None
    for f in reversed(values):
        coordinated = following is not None and following.segment == f.segment
        if coordinated:
            gap = text[f.end : following.start].strip()  # type: ignore[union-attr]
            if (
                f.ext.record.kind == "percent"
                and "," in gap
                and len(gap.split(",")[0].split()) <= COUNTED_NOUN_WORDS
            ):
                # "100% huyện, hơn 97% xã ...": the counted noun of a percent stands after it.
                gap = ("," + gap.split(",", 1)[1]).strip()
            coordinated = gap in COORDINATORS and not any(b in text[f.end : following.start] for b in "()")
        f.chain_end = following.chain_end if coordinated and following is not None else f
        following = f


def _drop_first_word(an: Analysis, phrase: str, f: Figure) -> str:
    """The phrase without its first underthesea word (the other item's noun)."""
    sent = an.sentence_of(f.start)
    if sent is None:
        return phrase
    k = an.text.find(phrase, f.end, sent.end)
    if k == -1:
        return phrase
    tokens = an.words(sent, pos=True)
    first = bisect.bisect_left(tokens, k, key=lambda t: t.start)
    words = [t for t in tokens[first : first + 2] if t.end <= k + len(phrase)]
    if len(words) < 2:
        return ""
    return an.text[words[1].start : k + len(phrase)]


def _without_times(text: str, start: int, end: int, times: Mentions[TimeExpression]) -> str:
    """A predicate without the times in it ("chưa hoàn thành và những nhiệm vụ 6 tháng cuối năm")."""
    pieces, pos = [], start
    for t in times.between(start, end):
        if t.end <= end:
            piece = text[pos : t.start]
            # "bàn giao 21.912 xe điện trong quý III/2024": the preposition goes with its time.
            if (m := lex.suffix_pattern("time_preposition").search(piece)) is not None:
                piece = piece[: m.start()]
            pieces.append(piece)
            pos = t.end
    pieces.append(text[pos:end])
    return _clean(" ".join(p.strip() for p in pieces if p.strip()))


def _segment_subject(text: str, f: Figure) -> str:
    """The subject opening a figure's segment, before its first verb ("Tốc độ truy cập ... đều tăng")."""
    end = text.find(",", f.segment.start, f.anchor)
    head = text[f.segment.start : end if end != -1 else f.anchor]
    cut = len(head)
    for role in ("link", "change_increase", "change_decrease"):
        m = lex.word_pattern(role).search(head)
        if m is not None:
            cut = min(cut, m.start())
    head = head[:cut].strip(" ,")
    while (m := lex.suffix_pattern("change_adverb").search(head)) is not None and m.start() > 0:
        head = head[: m.start()].strip()
    return head if len(head.split()) <= MAX_PREDICATE_WORDS else ""


def _from_template(g: Figure, left: str) -> str:
    """The previous figure's metric with its subject replaced by this one (short subjects only)."""
    if not g.subject or len(left.split()) > TEMPLATE_SUBJECT_WORDS or g.metric.lower() == g.subject.lower():
        return ""
    k = g.metric.lower().find(g.subject.lower())
    if k == -1:
        return ""
    return g.metric[:k] + left + g.metric[k + len(g.subject) :]


def _elliptic(metric: str, previous: str) -> str:
    """'lĩnh vực ngân hàng đạt 42,4%' after '... trong lĩnh vực điện lực đạt 100%': inherit the head;
    'còn tại Đà Nẵng là 395 Mbps' after '... tốc độ 5G trung bình tại Hà Nội': the same measure there."""
    if not metric or not previous:
        return metric
    low_prev = previous.lower()
    words = metric.lower().split()
    if not words:
        return metric
    if lex.prefix_pattern("scope_preposition").match(metric.lower()):
        k = low_prev.rfind(" " + words[0] + " ")
        if k > 0:
            return previous[: k + 1] + metric
    head = " ".join(words[:2])
    k = low_prev.find(" " + head)
    if k > 0 and lex.suffix_pattern("preposition").search(low_prev[:k]):
        return previous[: k + 1] + metric
    return metric


def _aspect(text: str, f: Figure) -> str:
    """'về số lượng' right after a change amount: which side of the subject changed."""
    m = lex.prefix_pattern("aspect").match(text, f.end, f.segment.end)
    if m is None:
        return ""
    end = m.end()
    while (
        end < f.segment.end
        and text[end] not in ",;("
        and not text.startswith(" và ", end)
        and not (lex.prefix_pattern("baseline_marker").match(text, end))
    ):
        end += 1
    return text[m.start() : end].strip()


def skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _lower_first(s: str) -> str:
    s = s.strip(" ,.;:")
    words = s.split()
    # "Hải Phòng dẫn đầu ...": a capitalized second word means the first starts a name, not the sentence.
    proper = len(words) > 1 and words[1][:1].isupper()
    if len(s) > 1 and s[0].isupper() and s[1].islower() and not proper:
        return s[0].lower() + s[1:]
    return s
