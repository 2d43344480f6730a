"""Client-side Chinese search: one folding and query rule on both sides, a lunr index with the positions of its tokens prebuilt here, queried by lunr.js."""
