from plenary.outcomes.diff import diff_paragraphs, tokenise, word_diff


def test_tokenise_words_spaces_punctuation_arabic_and_chinese():
    assert tokenise("Open, free.") == ["Open", ",", " ", "free", "."]
    assert tokenise("إنترنت مفتوح،") == ["إنترنت", " ", "مفتوح", "،"]
    assert tokenise("开放的互联网") == ["开", "放", "的", "互", "联", "网"]


def test_word_diff_of_a_known_english_pair():
    old = "Parliaments should legislate for artificial intelligence."
    new = "Parliaments must legislate for trustworthy artificial intelligence."
    assert word_diff(old, new) == [
        ("equal", "Parliaments "),
        ("delete", "should"),
        ("insert", "must"),
        ("equal", " legislate for "),
        ("insert", "trustworthy "),
        ("equal", "artificial intelligence."),
    ]


def test_word_diff_of_a_known_arabic_pair():
    old = "يجب أن تبقى الإنترنت مفتوحة."
    new = "يجب أن تبقى الإنترنت مفتوحة وآمنة."
    assert word_diff(old, new) == [
        ("equal", "يجب أن تبقى الإنترنت مفتوحة"),
        ("insert", " وآمنة"),
        ("equal", "."),
    ]


def test_paragraph_diff_of_a_known_pair_of_versions():
    old = [
        ("a", 1, "Intro."),
        ("b", 2, "Open Internet."),
        ("c", 3, "Legislate for AI."),
        ("d", 4, "Closing."),
    ]
    new = [
        ("a", 1, "Intro."),
        ("c", 2, "Legislate for AI."),
        ("b", 3, "Open and free Internet."),
        ("e", 4, "New."),
    ]
    changes = diff_paragraphs(old, new)
    assert [(change.key, change.old_number, change.new_number, change.kinds) for change in changes] == [
        ("a", 1, 1, ["unchanged"]),
        ("c", 3, 2, ["moved"]),
        ("d", 4, None, ["removed"]),
        ("b", 2, 3, ["changed"]),
        ("e", None, 4, ["added"]),
    ]
    assert changes[3].words == [("equal", "Open"), ("insert", " and free"), ("equal", " Internet.")]
    assert changes[1].words == []


def test_a_paragraph_can_move_and_change():
    changes = diff_paragraphs([("a", 1, "One."), ("b", 2, "Two.")], [("b", 1, "Two!"), ("a", 2, "One.")])
    assert [change.kinds for change in changes] == [["moved", "changed"], ["unchanged"]]


def test_a_rewritten_phrase_reads_as_one_deletion_and_one_insertion():
    assert word_diff("Parliaments met in Kyoto.", "Delegates gathered in Kyoto.") == [
        ("delete", "Parliaments met"),
        ("insert", "Delegates gathered"),
        ("equal", " in Kyoto."),
    ]
