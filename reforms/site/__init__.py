"""The static site: catalogue → Markdown pages and downloads → MkDocs (Material) → site/.

``paths`` (URLs), ``views`` (what pages show), ``escape`` (making editor text inert),
``render`` (Jinja2 templates in templates/), ``downloads`` (JSON, CSV, XLSX),
``build_site`` (staging, MkDocs, replacing site/), ``serve`` and ``mkdocs_hooks`` (live preview).
"""
