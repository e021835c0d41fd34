"""docs/errors.md, the author guide's reference of errors, written from the
bad-input corpus: each case is an example (what was written), the exact output
`scopesite check` gives, and the fix its hint names. The corpus is tested to
produce exactly that output, so the reference cannot drift from the code.

    python -m tests.error_reference > docs/errors.md
"""

from __future__ import annotations

import sys

from tests.test_bad_inputs import CASES

CATEGORIES = {
    "yaml_syntax": "YAML syntax",
    "types_and_fields": "Types and fields",
    "references": "References between ids",
    "flows": "Wizards (flows)",
    "front_matter": "Guides' front matter",
    "files_and_limits": "Files and limits",
    "paths_and_urls": "Page names and links",
    "look": "The look: logo, colours and assets",
    "mkdocs_config": "Your own mkdocs.yml",
    "templates": "Your own templates",
}


OTHER_CHANGES = {
    "bytes": "Written as raw bytes",
    "repeat": "Written as one text repeated",
    "symlink": "A symbolic link",
    "remove": "Removed",
}


def reference() -> str:
    lines = [
        "# Error reference",
        "",
        "Every error `scopesite check` (and `build` and `serve`) reports reads",
        "`path:line:col: error: message`, then a `hint:` line saying how to fix it. A",
        "run lists every error at once and exits with status 1; nothing is built.",
        "",
        "Each entry below shows an example that causes the error, written into a small",
        "project (product `widget`; plans `free` and `pro`; channels `forum` and",
        "`ticket`), and the exact output. The fix is the hint. This page is generated",
        "from the test suite's bad-input corpus (`python -m tests.error_reference >",
        "docs/errors.md`), which checks that every example gives exactly this output.",
        "",
    ]
    for category, title in CATEGORIES.items():
        lines += [f"## {title}", ""]
        for found, case in CASES:
            if found == category:
                lines += _case(case)
    return "\n".join(lines).rstrip("\n") + "\n"


def _case(case: dict[str, object]) -> list[str]:
    lines = [f"### {str(case['name']).capitalize()}", ""]
    files = case.get("files") or {}
    assert isinstance(files, dict)
    for path, text in files.items():
        lines += [f"`{path}`:", "", "```yaml" if path.endswith((".yml", ".yaml")) else "```"]
        lines += [str(text).rstrip("\n"), "```", ""]
    for key, what in OTHER_CHANGES.items():
        changed = case.get(key)
        if isinstance(changed, dict | list) and changed:
            lines += [f"{what}: `{'`, `'.join(map(str, changed))}`.", ""]
    lines += ["Output:", "", "```text", str(case["expect"]).rstrip("\n"), "```", ""]
    return lines


if __name__ == "__main__":
    sys.stdout.write(reference())
