"""The keyboard alone, and the names a screen reader reads: Chromium's own accessibility tree
(the DevTools protocol's Accessibility domain), never the page's markup."""

FOCUS_IS_SEEN = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" || style.boxShadow !== "none";
}"""
# The roles of a form's controls. A date box ("Date") is one control: the day, month and year fields
# Chromium draws inside it are not listed apart.
CONTROL_ROLES = {
    "textbox",
    "combobox",
    "checkbox",
    "radio",
    "button",
    "link",
    "listbox",
    "spinbutton",
    "Date",
}


class Keyboard:
    """Tab, Shift+Tab, Space and Enter on a page, each focused control read from the tree."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Accessibility.enable")
        self.unseen_focus = []

    def focused(self) -> tuple[str, str]:
        """(role, accessible name) of the focused element, as Chromium gives them to a screen reader."""
        remote = self.cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
        nodes = self.cdp.send(
            "Accessibility.getPartialAXTree",
            {"objectId": remote["result"]["objectId"], "fetchRelatives": False},
        )["nodes"]
        return _role_and_name(nodes[0])

    def tab_to(self, role: str, name: str, *, limit: int = 80) -> None:
        """Press Tab until the control with this role and name has the focus; each stop must show it."""
        for _press in range(limit):
            self.page.keyboard.press("Tab")
            if not self.page.evaluate(FOCUS_IS_SEEN):
                self.unseen_focus.append(self.focused())
            if self.focused() == (role, name):
                return
        raise AssertionError(f"Tab never reached {role} {name!r}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def submit(self) -> None:
        """Enter on the focused button, and wait for the page the form answers with."""
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def controls_in(self, selector: str) -> list[tuple[str, str]]:
        """(role, name) of every control inside the element `selector` finds, in document order."""
        remote = self.cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({selector!r})"})
        backend = self.cdp.send("DOM.describeNode", {"objectId": remote["result"]["objectId"]})["node"]
        tree = self.cdp.send("Accessibility.getFullAXTree")["nodes"]
        by_id = {node["nodeId"]: node for node in tree}
        start = next(node for node in tree if node.get("backendDOMNodeId") == backend["backendNodeId"])
        found = []
        pending = [start]
        while pending:
            node = pending.pop(0)
            if not node.get("ignored") and node.get("role", {}).get("value") in CONTROL_ROLES:
                found.append(_role_and_name(node))
                continue
            pending = [by_id[child] for child in node.get("childIds", []) if child in by_id] + pending
        return found


def _role_and_name(node) -> tuple[str, str]:
    return (node.get("role", {}).get("value", ""), node.get("name", {}).get("value", ""))
