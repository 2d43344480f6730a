"""Client-side Chinese search: one folding and query rule on both sides, an exact index of positions built here."""
