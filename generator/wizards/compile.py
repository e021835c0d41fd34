"""Compile flows into static pages: one page per reachable state.

A state is a node (question or outcome) plus the facts that matter to the flow.
Facts no question or outcome reads (answers that only route) are forgotten, so
paths that differ only in them share a page: pages grow with distinct states,
not with paths. Every problem is reported with the file:line of its cause.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator
from datetime import date

from generator.content.errors import ContentError, Location, Problem, did_you_mean
from generator.content.flow_model import OPTION_SOURCES, OUTCOME_KINDS, Flow, Outcome, Question
from generator.content.load import Document
from generator.policy.derive import Derived, Goal
from generator.policy.life_cycle import status, to_buy
from generator.wizards.fact_texts import fact_text_problems
from generator.wizards.graph import edges
from generator.wizards.options import generated_options
from generator.wizards.outcomes import Answer, OutcomeError, answer
from generator.wizards.states import Choice, CompiledFlow, State, StateKey, Wizards
from generator.wizards.walk import WalkError, choices_by_fact, walk


def compile_flow(
    derived: Derived, flow: Flow, document: Document, failed: list[Problem] | None = None
) -> CompiledFlow:
    """Check a flow and expand it into its reachable states. Its failing expectations
    are raised, or added to ``failed`` when it is given."""
    where = _Locator(flow, document)
    # Cycles and reachability are checked once every target is known, so one
    # wrong name is not also reported as an unreachable node.
    problems = list(_target_problems(flow, where)) or list(_graph_problems(flow, where))
    problems += fact_text_problems(derived.policy, flow, where.node)
    if problems:
        raise ContentError(problems)
    compiler = _Compiler(derived, flow, where)
    compiled = compiler.run()
    if compiler.problems:
        raise ContentError(compiler.problems)
    problems = list(_expectation_problems(compiled, derived, where))
    if failed is not None:
        failed.extend(problems)
    elif problems:
        raise ContentError(problems)
    return compiled


def compile_wizards(derived: Derived, failed: list[Problem] | None = None) -> Wizards:
    """Compile every flow, reporting the problems of all of them together. With
    ``failed``, failing expectations are added there instead of raised: ``scopesite
    ask`` shows the answer being debugged, then them."""
    compiled: dict[str, CompiledFlow] = {}
    problems: list[Problem] = []
    for flow_id, validated in derived.policy.flows.items():
        try:
            flow, document = validated.model.flow, validated.document
            compiled[flow_id] = compile_flow(derived, flow, document, failed)
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return compiled


class _Locator:
    """Find the file:line of a flow's parts."""

    def __init__(self, flow: Flow, document: Document) -> None:
        self.document = document
        self.questions = {q.id: i for i, q in enumerate(flow.questions)}
        self.outcomes = {o.id: i for i, o in enumerate(flow.outcomes)}

    def node(self, node_id: str, *field: str | int) -> Location:
        if node_id in self.questions:
            return self.document.value_at(("flow", "questions", self.questions[node_id], *field))
        return self.document.value_at(("flow", "outcomes", self.outcomes[node_id], *field))

    def flow(self, *field: str | int) -> Location:
        return self.document.value_at(("flow", *field))

    def ids(self) -> dict[str, Location]:
        """The flow's id (as '') and every node's id, by where they are written."""
        nodes = {node: self.node(node, "id") for node in [*self.questions, *self.outcomes]}
        return {"": self.flow("id"), **nodes}


def _target_problems(flow: Flow, where: _Locator) -> Iterator[Problem]:
    """Duplicate names, unknown targets and incomplete nodes."""
    questions = {q.id: q for q in flow.questions}
    nodes = set(questions) | {o.id for o in flow.outcomes}
    duplicates = [n for n, c in Counter(q.id for q in flow.questions).items() if c > 1]
    duplicates += [n for n, c in Counter(o.id for o in flow.outcomes).items() if c > 1]
    duplicates += sorted(set(where.questions) & set(where.outcomes))
    for node_id in duplicates:
        yield Problem(
            where.node(node_id, "id"),
            f"two nodes of flow '{flow.id}' are named '{node_id}'",
            "give every question and outcome its own id",
        )
    if flow.start not in nodes:
        yield Problem(
            where.flow("start"),
            f"unknown start '{flow.start}'{did_you_mean(flow.start, nodes)}",
            "name the first question's id",
        )
    for question in flow.questions:
        yield from _question_problems(question, nodes, where)
    for outcome in flow.outcomes:
        if outcome.kind == "message" and not outcome.title:
            yield Problem(
                where.node(outcome.id, "kind"),
                f"message outcome '{outcome.id}' has no title",
                "add 'title:' with the message's heading",
            )


def _question_problems(question: Question, nodes: set[str], where: _Locator) -> Iterator[Problem]:
    if not question.options and not question.options_from:
        yield Problem(
            where.node(question.id, "id"),
            f"question '{question.id}' has no options",
            "add 'options:' or 'options_from:'",
        )
    if question.options_from and not question.next:
        yield Problem(
            where.node(question.id, "options_from"),
            f"question '{question.id}' generates options but says nowhere where they lead",
            "add 'next:' with the question or outcome that follows",
        )
    for target, path in edges(question):
        if target not in nodes:
            yield Problem(
                where.node(question.id, *path),
                f"unknown question or outcome '{target}'{did_you_mean(target, nodes)}",
                "name a question or outcome of this flow",
            )


def _graph_problems(flow: Flow, where: _Locator) -> Iterator[Problem]:
    """Cycles and unreachable nodes, found on the declared graph."""
    questions = {q.id: q for q in flow.questions}
    if flow.start not in questions and flow.start not in where.outcomes:
        return
    seen: set[str] = set()
    on_path: list[str] = []

    def visit(node: str) -> Iterator[Problem]:
        seen.add(node)
        on_path.append(node)
        for target, path in edges(questions[node]) if node in questions else []:
            if target in on_path:
                loop = " → ".join([*on_path[on_path.index(target) :], target])
                yield Problem(
                    where.node(node, *path),
                    f"this answer makes a cycle: {loop}",
                    "lead to a later question or to an outcome instead",
                )
            elif target not in seen and (target in questions or target in where.outcomes):
                yield from visit(target)
        on_path.pop()

    yield from visit(flow.start)
    for node in [*questions, *where.outcomes]:
        if node not in seen:
            kind = "question" if node in questions else "outcome"
            yield Problem(
                where.node(node, "id"),
                f"{kind} '{node}' cannot be reached from the start '{flow.start}'",
                "lead an answer to it, or remove it",
            )


def _reads(flow: Flow) -> set[str]:
    """Every fact some question or outcome of the flow reads."""
    facts = {fact for outcome in flow.outcomes for fact in OUTCOME_KINDS[outcome.kind].reads}
    facts |= {fact for outcome in flow.outcomes for fact in outcome.text_reads}
    for question in flow.questions:
        source = question.options_from
        if source and OPTION_SOURCES[source.kind].per_product:
            facts.add("product")
        if source and source.after:
            facts.add(source.after)
    return facts


class _Compiler:
    def __init__(self, derived: Derived, flow: Flow, where: _Locator) -> None:
        self.derived, self.flow, self.where = derived, flow, where
        self.kept = _reads(flow)
        self.questions = {q.id: q for q in flow.questions}
        self.outcomes = {o.id: o for o in flow.outcomes}
        self.problems: list[Problem] = []
        self.routed: set[tuple[str, str]] = set()

    def key(self, node: str, facts: dict[str, str]) -> StateKey:
        return node, tuple(sorted((f, v) for f, v in facts.items() if f in self.kept))

    def run(self) -> CompiledFlow:
        start = self.key(self.flow.start, dict(self.flow.facts))
        states: dict[StateKey, State] = {}
        queue = deque([start])
        while queue and not self.problems:
            key = queue.popleft()
            if key in states:
                continue
            if len(states) >= self.flow.max_states:
                self.problems.append(self._too_many([*states, *queue]))
                break
            state = self.expand(key)
            states[key] = state
            queue.extend(choice.target for choice in state.choices)
        if not self.problems:
            self.problems.extend(self._unused_routes())
        taken_by = {key: choices_by_fact(state) for key, state in states.items() if state.question}
        return CompiledFlow(self.flow, states, start, taken_by, locations=self.where.ids())

    def _unused_routes(self) -> Iterator[Problem]:
        for question in self.flow.questions:
            for value in question.route:
                if (question.id, value) not in self.routed:
                    yield Problem(
                        self.where.node(question.id, "route", value),
                        f"route '{value}' of question '{question.id}' matches no option",
                        "use the value of an option the question generates",
                    )

    def expand(self, key: StateKey) -> State:
        """The state's question and choices, or its answer (render names its page)."""
        node, facts = key[0], dict(key[1])
        if node in self.outcomes:
            return State(key, answer=self.compute(self.outcomes[node], facts))
        question = self.questions[node]
        choices = tuple(self.choices(question, facts))
        if not choices:
            shown = ", ".join(f"{f}={v}" for f, v in key[1]) or "no facts"
            self.problems.append(
                Problem(
                    self.where.node(question.id, "id"),
                    f"question '{question.id}' of flow '{self.flow.id}' has no options "
                    f"when {shown}",
                    "give it static options, or route this case elsewhere",
                )
            )
        return State(key, question=question, choices=choices)

    def compute(self, outcome: Outcome, facts: dict[str, str]) -> Answer | None:
        try:
            return answer(self.derived, outcome, facts)
        except OutcomeError as error:
            shown = ", ".join(f"{f}={v}" for f, v in sorted(facts.items())) or "no facts"
            self.problems.append(
                Problem(
                    self.where.node(outcome.id, "kind"),
                    f"{error} (reached with {shown})",
                    "set the facts this outcome reads on every way to it",
                )
            )
            return None

    def choices(self, question: Question, facts: dict[str, str]) -> Iterator[Choice]:
        for option in question.options:
            target = self.key(option.next, {**facts, **option.set})
            yield Choice(option.label, option.value, None, target)
        if question.options_from and question.next:
            fact = question.options_from.sets
            listed = generated_options(self.derived.policy, question.options_from, facts)
            for value, label, group in listed:
                node = question.route.get(value, question.next)
                self.routed.add((question.id, value))
                yield Choice(label, value, group, self.key(node, {**facts, fact: value}))

    def _too_many(self, found: list[StateKey]) -> Problem:
        """Blame the node with the most states found so far, compiled or waiting."""
        per_node = Counter(key[0] for key in set(found))
        culprit, count = per_node.most_common(1)[0]
        return Problem(
            self.where.flow("max_states"),
            f"flow '{self.flow.id}' has more than {self.flow.max_states} states; question or "
            f"outcome '{culprit}' alone has {count}",
            f"keep fewer facts in '{culprit}', or raise 'max_states' if the pages are wanted",
        )


def _expectation_problems(
    compiled: CompiledFlow, derived: Derived, where: _Locator
) -> Iterator[Problem]:
    for index, expectation in enumerate(compiled.flow.expectations):
        location = where.flow("expectations", index, "answers")
        try:
            path, state = walk(compiled, expectation.answers)
        except WalkError as error:
            yield Problem(
                location,
                f"expectation cannot be followed: {error}",
                "answer every question on the way with an offered value",
            )
            continue
        expected = expectation.expect.model_dump(exclude_none=True)
        differences = list(_differences(expected, state, derived))
        if differences:
            trail = " → ".join([*path, state.key[0]])
            yield Problem(
                location,
                f"expectation failed: {trail}: " + "; ".join(differences),
                "fix the content or the expectation, whichever is wrong",
            )


def _differences(expected: dict[str, object], state: State, derived: Derived) -> Iterator[str]:
    result = state.answer
    assert result is not None
    life, day = result.life, expected.pop("as_of", None)
    if life and result.product and isinstance(day, date):  # the verdict on the expectation's day
        life = status(result.product, life.version, day)
    # Each Expect field's value in the answer: a field an outcome kind adds to Expect
    # gets its entry here ('channel' and 'channels' are compared below).
    actual: dict[str, object] = {
        "outcome": result.outcome.id,
        "verdict": str(result.verdict) if result.verdict else None,
        "response": result.response,
        "updates": result.updates,
        "hours": _counted_in(result.response),
        "cost": result.cost,
        "severity": result.severity.id if result.severity else None,
        "supported": life.supported if life else None,
        "phase": life.phase.id if life and life.phase else None,
        "offers": sorted(to_buy(life, result.plan, derived.policy.offers)) if life else [],
        "text": " ".join(result.texts),
    }
    for name, value in expected.items():
        if name == "channel":
            offered = [step.channel.id for step in result.next_steps]
            if value not in offered:
                yield f"expected channel '{value}', got {', '.join(offered) or 'none'}"
        elif name == "channels" and isinstance(value, list):
            yield from _channel_differences([str(v) for v in value], result)
        elif name == "offers" and isinstance(value, list) and sorted(value) != actual[name]:
            found = ", ".join(map(str, actual[name])) or "none"  # type: ignore[call-overload]
            yield f"expected offers {', '.join(value) or 'none'}, got {found}"
        elif name == "offers":
            continue
        elif name == "text" and str(value) not in str(actual[name]):
            yield f"expected text '{value}', got '{actual[name] or 'none'}'"
        elif name == "text":
            continue
        elif str(actual[name]) != str(value):
            yield f"expected {name} '{_as_written(value)}', got '{_as_written(actual[name])}'"


def _counted_in(goal: Goal | None) -> str | None:
    """The hour set a goal counts in, as an expectation names it."""
    if goal is None:
        return None
    return goal.hours.id if goal.hours else REGION_HOURS if goal.regions else None


REGION_HOURS = "region"
"""How an expectation says a goal counts in the customer's region's business hours."""


def _as_written(value: object) -> str:
    """A value as an author writes it in YAML: true, false, none; not Python's True/None."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "none" if value is None else str(value)


def _channel_differences(expected: list[str], result: Answer) -> Iterator[str]:
    """'channels': exactly these, in any order; the answer's own order when it differs."""
    offered = [step.channel.id for step in result.next_steps]
    if sorted(offered) != sorted(set(expected)):
        shown = ", ".join(expected) or "none"
        yield f"expected channels {shown}, got {', '.join(offered) or 'none'}"
