"""Bundled example documents (架空の人物・団体のみ)."""
