"""search_rank scores by a ladder (each (field, kind) pair best first, the first that holds wins)
for speed; it must give exactly the rule's figure: per word, the best field weight × kind of
match over the fields, plus the phrase's best field, plus MARKS when marks were matched."""

import random

from parcdesk import search_rank as sr


def reference_score(query: sr.Query, text: sr.ItemText, with_marks: bool) -> int:
    forms = [([w.folded for w in query.words], text.folded)]
    if with_marks:
        forms.append(([w.marked or w.folded for w in query.words], text.with_marks))
    score = sr.MARKS if with_marks else 0
    for words, fields in forms:
        weighted = list(zip((sr.TITLE, sr.OTHER, sr.PROGRESS), fields))
        if len(words) > 1:
            phrase = " " + " ".join(words) + " "
            score += max((w * sr.WHOLE_PHRASE for w, f in weighted if phrase in f), default=0)
        for word in words:
            best = 0
            for weight, field in weighted:
                if " " + word + " " in field:
                    best = max(best, weight * sr.WHOLE_WORD)
                elif " " + word in field:
                    best = max(best, weight * sr.WORD_START)
                elif word in field:
                    best = max(best, weight * sr.INSIDE)
            score += best
    return score


def reference_matches(query: sr.Query, text: sr.ItemText, with_marks: bool) -> bool:
    for word in query.words:
        if with_marks and word.marked:
            if word.marked not in text.marked_all:
                return False
        elif word.folded not in text.folded_all:
            return False
    return True


def test_the_ladder_gives_the_rules_figure_on_many_texts():
    vocab = ["ngân", "ngan", "ngành", "giải", "giai", "thu", "tục", "tuc", "hành", "chính", "đất", "dat",
             "an", "a,", "ng", "-thu", "tuc.", "Giải", "NGÂN"]
    rng = random.Random(13)
    compared = 0
    for _ in range(3000):
        title, other, progress = (" ".join(rng.choices(vocab, k=rng.randint(0, n))) for n in (5, 6, 3))
        query = sr.parse_query(" ".join(rng.choices(vocab, k=rng.randint(1, 3))))
        text = sr.ItemText(title, other, progress)
        matcher = sr.Matcher(query)
        for with_marks in (True, False):
            assert matcher.matches(text, with_marks) == reference_matches(query, text, with_marks)
            assert matcher.score(text, with_marks) == reference_score(query, text, with_marks), \
                (query, title, other, progress, with_marks)
            compared += 1
    assert compared == 6000


def test_folded_copies_with_punctuation_split_into_words_as_the_marked_text_does():
    text = sr.ItemText("Giải ngân-vốn (đầu tư)", "", "", folded_title="giai ngan-von (dau tu)")
    assert text.folded[0] == " giai ngan von  dau tu  "
    assert text.with_marks[0] == " giải ngân vốn  đầu tư  "
