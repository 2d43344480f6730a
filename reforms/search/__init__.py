"""Client-side Chinese search: one tokenizer on both sides, an index prebuilt with lunr."""
