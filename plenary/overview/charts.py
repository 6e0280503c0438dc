"""Bar charts as SVG written on the server: no script, no request to another host, mirrored on
right-to-left pages. Each chart is drawn from the same rows as the data table printed beside it."""

from dataclasses import dataclass, field

from babel.numbers import format_decimal

from plenary.core.languages import babel_locale, current_language, text_direction

WIDTH = 540
LABEL_WIDTH = 250
VALUE_WIDTH = 60
ROW_HEIGHT = 24
BAR_HEIGHT = 16
# Characters of a label the SVG has room for beside its bar; the table beside the chart gives it whole.
LABEL_CHARACTERS = 36


@dataclass(frozen=True)
class Row:
    label: str
    value: int
    url: str = ""
    marked: bool = False


@dataclass
class Chart:
    """A titled list of rows; `bars` places them for the SVG, left to right or right to left."""

    key: str
    title: str
    rows: list[Row]
    note: str = ""
    language: str = field(default_factory=current_language)

    def __post_init__(self):
        """Labels become text in the language active now (choices' labels are lazy)."""
        self.rows = [Row(str(row.label), row.value, row.url, row.marked) for row in self.rows]

    @property
    def direction(self) -> str:
        return text_direction(self.language)

    @property
    def height(self) -> int:
        return ROW_HEIGHT * max(len(self.rows), 1) + 8

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def bars(self) -> list[dict]:
        track_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
        largest = max((row.value for row in self.rows), default=0) or 1
        rtl = self.direction == "rtl"
        placed = []
        for index, row in enumerate(self.rows):
            length = round(track_width * row.value / largest)
            start = WIDTH - LABEL_WIDTH - length if rtl else LABEL_WIDTH
            placed.append(
                {
                    "row": row,
                    "label": shorten(row.label),
                    "number": number(row.value, self.language),
                    "y": 4 + index * ROW_HEIGHT,
                    "text_y": 4 + index * ROW_HEIGHT + BAR_HEIGHT - 3,
                    "x": start,
                    "length": length,
                    "label_x": WIDTH - LABEL_WIDTH + 6 if rtl else LABEL_WIDTH - 6,
                    "value_x": start - 4 if rtl else start + length + 4,
                }
            )
        return placed


def number(value, language: str | None = None) -> str:
    return format_decimal(value, locale=babel_locale(language))


def shorten(label: str) -> str:
    """The label as the SVG draws it: cut at LABEL_CHARACTERS with an ellipsis."""
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1].rstrip() + "…"
