from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import FIXTURES, REPO, run_scopesite


def test_ask_prints_the_outcome_as_text() -> None:
    result = run_scopesite(
        "ask",
        ".",
        "--flow",
        "is-it-covered",
        "--answer",
        "which-product=imacros",
        "--answer",
        "which-licence=imacros-personal",
        "--answer",
        "what-do-you-need=imacros-phone-assistance",
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Phone assistance: not covered on Personal Edition\n"
        "Verdict: Not covered\n"
        "Why: This is handled only through iMacros Technical Support or iMacros phone "
        "assistance, and Personal Edition does not include any of them.\n"
        "Why: Included with new Professional and Enterprise licences.\n"
        "Next: iMacros forum\n"
        "Next: iMacros online documentation\n"
        "Next: Progress Knowledge Base\n"
        "Next: Progress Sales Team\n"
        "  The policy does not publish opening hours for this channel\n"
        "Policy: https://support.progress.example/imacros/scope/#imacros-phone-assistance\n"
    )


def test_a_goal_that_is_a_ceiling_reads_in_under_not_within_under() -> None:
    result = run_scopesite(
        "ask", ".", "--flow", "which-severity", "--answer", "is-production-down=yes"
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "First response goal: under 1 hour\n" in result.stdout
    assert "Next: Sitefinity phone support (answers in under 1 hour)\n" in result.stdout
    assert "within under" not in result.stdout


def test_ask_json_for_scripts() -> None:
    result = run_scopesite(
        "ask",
        ".",
        "--flow",
        "which-severity",
        "--json",
        "--answer",
        "is-production-down=no",
        "--answer",
        "are-operations-restricted=yes",
    )
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert (data["headline"], data["response"], data["resolution"]) == (
        "Severity 2: Restricted Operations",
        "1 business day",
        "14 business days",
    )
    assert [step["channel"] for step in data["next_steps"]] == [
        "sitefinity-phone",
        "sitefinity-support-center",
    ]
    assert data["answers"] == ["is-production-down=no", "are-operations-restricted=yes"]


def test_ask_computes_a_cost() -> None:
    result = run_scopesite(
        "ask",
        str(FIXTURES / "priced"),
        "--flow",
        "what-will-it-cost",
        "--json",
        "--answer",
        "what-kind-of-request=upgrade",
        "--answer",
        "which-version-now=4.3.1",
        "--answer",
        "which-version-next=4.3.9",
    )
    assert (json.loads(result.stdout)["cost"], json.loads(result.stdout)["unit"]) == (50, "credits")


def test_ask_asks_for_missing_answers() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "ask", ".", "--flow", "phone-or-ticket"],
        input="2\n6\n",
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "Which Sitefinity CMS licence do you have?\n  1. Evaluation (no licence)\n" in result.stdout
    )
    assert result.stdout.endswith(
        "Use Sitefinity phone support\n"
        "Why: The policy suggests Sitefinity phone support when: you need to add information "
        "to an existing ticket.\n"
        "Next: Sitefinity phone support\n"
        "  Available 24/7\n"
    )


def test_ask_explains_a_typed_answer_that_is_not_a_choice() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "ask", ".", "--flow", "phone-or-ticket"],
        input="licensed\n3\nsitefinity-enterprise-support\n6\n",
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    not_a_choice = "error: '{}' is not one of the choices: type its number, 1 to 2\n"
    assert result.stdout.startswith(
        "\n"
        "Which Sitefinity CMS licence do you have?\n"
        "  1. Evaluation (no licence)\n"
        "  2. Licensed, with Support package\n"
        f"Your answer: {not_a_choice.format('licensed')}"
        f"Your answer: {not_a_choice.format('3')}"
        "Your answer: \n"  # its value, as --answer takes it, is an answer too
        "Which of these describes your situation?\n"
    )
    assert result.stdout.endswith("Next: Sitefinity phone support\n  Available 24/7\n")


def test_ask_explains_an_answer_that_is_not_offered() -> None:
    result = run_scopesite(
        "ask", ".", "--flow", "is-it-covered", "--json", "--answer", "which-product=imacro"
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: 'imacro' is not an answer to 'which-product' here; "
        "choose one of: imacros, sitefinity\n"
    )


def test_ask_refuses_an_answer_to_a_question_the_flow_does_not_have() -> None:
    for question, hint in (
        ("nope", ""),
        ("is-production-dwn", " (did you mean 'is-production-down'?)"),
    ):
        result = run_scopesite(
            "ask", ".", "--flow", "which-severity", "--json", "--answer", f"{question}=1"
        )
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == (
            f"error: flow 'which-severity' has no question '{question}'{hint}; "
            "questions: is-production-down, are-operations-restricted\n"
        )


def test_ask_names_flows_when_one_is_unknown() -> None:
    result = run_scopesite("ask", ".", "--flow", "is-it-coverd", "--json")
    assert result.stderr == (
        "error: unknown flow 'is-it-coverd' (did you mean 'is-it-covered'?); "
        "flows: is-it-covered, is-my-version-supported, phone-or-ticket, which-severity\n"
    )


def test_graph_prints_mermaid() -> None:
    result = run_scopesite("graph", "is-it-covered")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "flowchart TD\n"
        '  q0{"Which product do you need help with?"}\n'
        '  q1{"Which licence or plan do you have?"}\n'
        '  q2{"What do you need help with?"}\n'
        '  o0(["coverage-verdict (coverage)"])\n'
        '  q0 -->|"each product"| q1\n'
        '  q1 -->|"each plan of the product"| q2\n'
        '  q2 -->|"each scope item of the product"| o0\n'
    )


def test_ask_finds_the_one_wizard_the_answers_fit_without_flow() -> None:
    result = run_scopesite("ask", ".", "--json", "--answer", "is-production-down=yes")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["flow"] == "which-severity"


def test_ask_without_flow_whose_answers_fit_several_wizards_says_to_name_one() -> None:
    result = run_scopesite("ask", ".", "--json")
    flows = "is-it-covered, is-my-version-supported, phone-or-ticket, which-severity"
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"error: name the wizard with --flow: the answers given fit 4; flows: {flows}\n",
    )


def test_ask_states_the_hours_a_goal_counts_in_and_the_outcome_notes_of_the_way() -> None:
    answers = ["is-business-stopped=no", "is-it-degraded=yes"]
    answers += ["which-subscription-urgent=standard", "which-region=emea"]
    flags = [part for answer in answers for part in ("--answer", answer)]
    project = str(REPO / "examples" / "enterprise-linux")
    result = run_scopesite("ask", project, "--flow", "which-severity", *flags)
    assert (result.returncode, result.stderr) == (0, "")
    emea = (
        "counted in the business hours of Europe, the Middle East and Africa, "
        "09:00 to 17:00, Europe/London time"
    )
    lines = result.stdout.splitlines()
    assert lines[1:4] == [
        f"First response goal: 4 business hours ({emea})",
        "Resolution goal: no target",
        f"Updates: at least every 4 business hours ({emea})",
    ]
    assert lines[-2:] == [
        "Note: You or support can change the severity when the impact changes: a Severity 3 "
        "case that turns into an outage becomes Severity 1.",
        "Policy: https://support.enterprise-linux.example/example-linux/severities/#sev-2",
    ]
    data = json.loads(run_scopesite("ask", project, "--json", *flags).stdout)
    assert (data["response"], data["notes"][0][:31], data["policy"]) == (
        f"4 business hours ({emea})",
        "You or support can change the s",
        "https://support.enterprise-linux.example/example-linux/severities/#sev-2",
    )


def test_ask_prints_how_to_reach_each_channel_in_the_readers_region() -> None:
    args = (
        "ask",
        str(REPO / "examples" / "enterprise-linux"),
        "--flow",
        "which-severity",
        "--answer",
        "is-business-stopped=yes",
        "--answer",
        "which-subscription-urgent=standard",
        "--answer",
        "which-region=emea",
    )
    result = run_scopesite(*args)
    assert (result.returncode, result.stderr) == (0, "")
    assert (
        "Next: Phone support (answers within 1 business hour)\n"
        "  Phone (Europe, the Middle East and Africa): +44 20 7946 0100\n"
        "  Phone (United States and Canada, toll-free, North America): +1 555 0100, open "
        "Monday to Friday, 09:00 to 18:00, America/New_York time\n"
    ) in result.stdout
    assert "  Web: https://portal.enterprise-linux.example/\n" in result.stdout
    data = json.loads(run_scopesite(*args, "--json").stdout)
    phone = data["next_steps"][1]
    assert phone["contacts"][0] == {
        "kind": "phone",
        "value": "+44 20 7946 0100",
        "href": "tel:+442079460100",
        "label": None,
        "region": "emea",
        "text": "Phone (Europe, the Middle East and Africa): +44 20 7946 0100",
    }
    assert phone["open"].startswith("Open Monday to Friday, 09:00 to 17:00, Europe/London time")
