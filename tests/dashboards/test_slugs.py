from tools.dashboards.slugs import company_slug, topic_anchor


def test_topic_anchor_keeps_plain_ids():
    assert topic_anchor("A05") == "topic-a05"
    assert topic_anchor("未标注") == "topic-未标注"


def test_topic_anchor_hashes_ids_that_could_leave_the_attribute():
    assert topic_anchor('A05"><script>') == "topic-" + company_slug('A05"><script>')
    assert topic_anchor('A05"><script>') == "topic-a05-script-" + company_slug('A05"><script>')[-8:]
    assert topic_anchor("A05 } {#x") != topic_anchor("A05 } {#y")
