"""The two widths every page is looked at: a desktop and a phone (an iPhone 12–15 is 390 px wide)."""

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
