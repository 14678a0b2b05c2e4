"""Drift and champion/challenger keywords: PSI, KS, decision rates, swap sets, score histograms."""

from __future__ import annotations

from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.drift import PsiResult, as_numbers, build_swap_set, calculate_psi, decision_rate_shifts, ks_test
from ..core.records import group_by, listed, values_by_key, values_of
from ..core.run_metrics import metric_message
from ..core.svg_chart import histogram_svg

Scores = list | str


class DriftKeywords(LibraryComponent):
    def _psi(
        self, expected: Scores, actual: Scores, bins: int, method: str, edges: list | None, floor: float
    ) -> PsiResult:
        try:
            return calculate_psi(expected, actual, bins=bins, method=method, edges=edges, floor=floor)
        except ValueError as error:
            self.fail(f"PSI: {error}")

    def _log_psi(self, result: PsiResult, caption: str) -> None:
        rows = [
            (
                b.label,
                b.expected_count,
                b.actual_count,
                f"{b.expected_share:.4f}",
                f"{b.actual_share:.4f}",
                f"{b.contribution:.5f}",
            )
            for b in result.bins
        ]
        rows.append(("total", result.n_expected, result.n_actual, "1", "1", f"{result.psi:.5f}"))
        self.log_table(("bin", "expected n", "actual n", "expected share", "actual share", "PSI part"), rows, caption)

    def _record_psi(
        self, result: PsiResult, keyword_name: str, segment: str | None = None, **limits: float | None
    ) -> None:
        """Log the PSI as a ``ScoreGate metric`` message (kind ``psi``); ``limits`` are null for a plain report."""
        figures = {
            "value": round(result.psi, 6),
            "threshold": limits.get("threshold"),
            "critical_value": limits.get("critical_value"),
            "confidence": limits.get("confidence"),
            "limit": limits.get("limit"),
            "bins": len(result.bins),
            "method": result.method,
            "n_expected": result.n_expected,
            "n_actual": result.n_actual,
            "keyword": keyword_name,
        }
        if segment is not None:
            figures["segment"] = segment
        self.info(metric_message("psi", figures))

    @keyword("Calculate PSI", tags=("Drift",))
    def calculate_psi(
        self,
        expected_scores: Scores,
        actual_scores: Scores,
        bins: int = 10,
        method: str = "quantile",
        edges: list | None = None,
        floor: float = 0.0001,
    ) -> float:
        """Returns the Population Stability Index of the actual scores against the expected (reference) scores.

        | =Arguments= | =Description= |
        | ``expected_scores`` | The reference sample: numbers, result dictionaries or a results file. |
        | ``actual_scores`` | The sample compared with it, in the same forms. |
        | ``bins`` | Number of bins. |
        | ``method`` | ``quantile`` (cut at quantiles of the expected scores) or ``fixed`` (equal width). |
        | ``edges`` | Explicit cut points instead: ``[e1, ..., ek]`` gives bins (-inf, e1), [e1, e2), ..., [ek, +inf). |
        | ``floor`` | Shares below it (empty bins) are raised to it so the logarithm stays finite. |

        Quantile bins are deciles for 10 bins; tied cut points merge. Fixed bins have equal width
        over the range of the expected scores. Result dictionaries count by their ``score``.

        ``PSI = sum((A_i - E_i) * ln(A_i / E_i))`` over the bins, A and E the actual and expected
        shares. The per-bin table is logged, and the PSI as a
        ``ScoreGate metric: {"kind": "psi", "value": ..., "threshold": null, ...}`` message that release
        gates read from output.xml. Usual reading: below 0.10 stable, 0.10 to 0.25 moderate shift,
        above 0.25 major shift; with small samples see `PSI Should Be Below`.

        Example:
        | ${psi} = | Calculate PSI | ${champion_scores} | ${challenger_scores} |
        | ${psi} = | Calculate PSI | ${expected} | ${actual} | method=fixed | bins=20 |
        | ${psi} = | Calculate PSI | ${expected} | ${actual} | edges=${{[600, 680, 720, 760]}} |
        """
        result = self._psi(expected_scores, actual_scores, bins, method, edges, floor)
        self._log_psi(result, f"PSI {result.psi:.5f} ({result.method} bins)")
        self._record_psi(result, "Calculate PSI")
        return result.psi

    @keyword("PSI Should Be Below", tags=("Drift", "Assertion"))
    def psi_should_be_below(
        self,
        expected: Scores,
        actual: Scores,
        threshold: float = 0.10,
        confidence: float = 0.95,
        bins: int = 10,
        method: str = "quantile",
        edges: list | None = None,
        floor: float = 0.0001,
    ) -> float:
        """Fails when the PSI exceeds both ``threshold`` and the chance level for these sample sizes; returns the PSI.

        | =Arguments= | =Description= |
        | ``expected`` / ``actual`` | The two samples, as in `Calculate PSI`. |
        | ``threshold`` | The drift threshold (0.10 = the usual "stable" bound). |
        | ``confidence`` | Confidence of the chance level. |
        | ``bins``, ``method``, ``edges``, ``floor`` | As in `Calculate PSI`. |

        Without drift, ``PSI / (1/n + 1/m)`` follows a chi-square distribution with B-1 degrees of
        freedom, so small samples give large PSI by chance: with 10 bins and n = m = 100 the 95%
        level is about 0.34. The check fails only when
        ``PSI > max(threshold, chi2.ppf(confidence, B-1) * (1/n + 1/m))``; the message gives the
        PSI, the threshold, the critical value, n and m. The PSI, threshold, critical value and
        that ``limit`` are logged as a ``ScoreGate metric`` message (kind ``psi``), pass or fail.

        Example:
        | PSI Should Be Below | ${baseline_scores} | ${current_scores} |
        | PSI Should Be Below | ${baseline_scores} | ${current_scores} | threshold=0.25 | confidence=0.99 |
        """
        result = self._psi(expected, actual, bins, method, edges, floor)
        critical = result.critical_value(confidence)
        limit = max(threshold, critical)
        self._log_psi(result, f"PSI {result.psi:.5f}, threshold {threshold:g}, critical value {critical:.5f}")
        self._record_psi(
            result,
            "PSI Should Be Below",
            threshold=threshold,
            critical_value=round(critical, 6),
            confidence=confidence,
            limit=round(limit, 6),
        )
        if result.psi > limit:
            self.fail(
                f"PSI {result.psi:.4f} exceeds the threshold {threshold:g} and the critical value {critical:.4f} "
                f"(chi-square {confidence:g}, {result.degrees_of_freedom} degrees of freedom) "
                f"for n={result.n_expected} expected and m={result.n_actual} actual scores"
            )
        return result.psi

    @keyword("Segment PSI Should Be Below", tags=("Drift", "Assertion"))
    def segment_psi_should_be_below(
        self,
        baseline_records: list,
        results: list,
        threshold: float = 0.10,
        edges: list | None = None,
        bins: int = 10,
        method: str = "quantile",
        key: str = "caseId",
        segment_field: str = "segment",
        floor: float = 0.0001,
    ) -> dict:
        """Fails naming every segment whose PSI, today's scores against the baseline's, is above ``threshold``.

        | =Arguments= | =Description= |
        | ``baseline_records`` | Baseline cases with ``key``, ``segment_field`` and ``score``. |
        | ``results`` | Today's results with ``key`` and ``score`` (from `Set Case Ids From Transaction Ids`). |
        | ``threshold`` | The largest PSI a segment may show. |
        | ``edges``, ``bins``, ``method``, ``floor`` | The bins, as in `Calculate PSI` (e.g. the risk-band edges). |
        | ``key`` | The field pairing results with baseline cases. |
        | ``segment_field`` | The field naming a case's segment. |

        Drift confined to one segment (one applicant type scored higher) can vanish in the PSI of the
        whole population; this compares each segment on its own. Each segment's PSI compares the
        same cases scored twice, so there is no sampling error and the threshold applies as it is (no
        chance level as in `PSI Should Be Below`). Logs a table of the segments and one ``ScoreGate
        metric`` message (kind ``psi``, with ``segment``) per segment, which release gates judge.
        Fails also naming every baseline case that has no result today. Returns ``{segment: PSI}``.

        Example:
        | Segment PSI Should Be Below | ${baseline}[records] | ${today} | edges=${{[600, 680, 720, 760]}} |
        | ${psi} = | Segment PSI Should Be Below | ${cases} | ${results} | threshold=0.05 | bins=5 |
        """
        try:
            score_of = values_by_key(results, key, "score")
            groups = group_by(baseline_records, segment_field)
        except ValueError as error:
            self.fail(f"Segment PSI: {error}")
        missing: list[str] = []
        today: dict[str, list] = {}
        for segment, cases in groups.items():
            today[str(segment)], lacking = values_of(cases, score_of, key)
            missing += lacking
        if missing:
            self.fail(
                f"Segment PSI: {len(missing)} of {len(baseline_records)} baseline cases have no result by {key}: "
                f"{listed(missing, self.library.max_examples, ', ')}"
            )
        psi_of: dict[str, float] = {}
        rows, moved = [], []
        for segment, cases in groups.items():
            name = str(segment)
            result = self._psi(cases, today[name], bins, method, edges, floor)
            self._record_psi(result, "Segment PSI Should Be Below", segment=name, threshold=threshold, limit=threshold)
            psi_of[name] = round(result.psi, 6)
            over = result.psi > threshold
            rows.append((name, len(cases), f"{result.psi:.4f}", f"{threshold:g}", "MOVED" if over else "stable"))
            if over:
                moved.append(f"{name} PSI {result.psi:.4f} ({len(cases)} cases)")
        self.log_table(("segment", "cases", "PSI", "threshold", "result"), rows, "PSI per segment")
        if moved:
            self.fail(f"PSI above {threshold:g} in {len(moved)} of {len(groups)} segments: {'; '.join(moved)}")
        return psi_of

    @keyword("Two Sample KS Should Not Reject", tags=("Drift", "Assertion"))
    def two_sample_ks_should_not_reject(self, expected: Scores, actual: Scores, alpha: float = 0.01) -> float:
        """Fails when the two-sample Kolmogorov-Smirnov test rejects equal distributions at ``alpha``; returns p.

        | =Arguments= | =Description= |
        | ``expected`` / ``actual`` | The two samples, as in `Calculate PSI`. |
        | ``alpha`` | Significance level. |

        Example:
        | Two Sample KS Should Not Reject | ${baseline_scores} | ${current_scores} |
        | ${p} = | Two Sample KS Should Not Reject | ${a} | ${b} | alpha=0.05 |
        """
        try:
            result = ks_test(expected, actual)
        except ValueError as error:
            self.fail(f"KS test: {error}")
        self.info(f"KS D={result.statistic:.4f} p={result.p_value:.4g} n={result.n_expected} m={result.n_actual}")
        if result.p_value < alpha:
            self.fail(
                f"Score distributions differ: KS D={result.statistic:.4f}, p={result.p_value:.3g} < alpha {alpha:g} "
                f"(n={result.n_expected} expected, m={result.n_actual} actual)"
            )
        return result.p_value

    @keyword("Decision Rates Should Not Shift", tags=("Drift", "Assertion"))
    def decision_rates_should_not_shift(
        self, expected_decisions: list | dict | str, actual_decisions: list | dict | str, alpha: float = 0.01
    ) -> None:
        """Fails when the rate of any decision differs significantly (two-proportion z test, two-sided, per decision).

        | =Arguments= | =Description= |
        | ``expected_decisions`` | Decisions, result dictionaries, counts (``{"APPROVE": 700}``) or a file. |
        | ``actual_decisions`` | The same for the compared sample. |
        | ``alpha`` | Significance level of each decision's test. |

        The pooled two-proportion z test runs for each decision on its own; the failure names the
        decision, both rates, z and p. A per-decision table is logged.

        Example:
        | Decision Rates Should Not Shift | ${champion_results} | ${challenger_results} |
        | ${counts} = | Create Dictionary | APPROVE=${700} | REFER=${200} | DECLINE=${100} |
        | Decision Rates Should Not Shift | ${counts} | ${today} | alpha=0.001 |
        """
        try:
            shifts = decision_rate_shifts(expected_decisions, actual_decisions)
        except ValueError as error:
            self.fail(f"Decision rates: {error}")
        rows = [
            (
                s.decision,
                f"{s.expected_count}/{s.expected_total}",
                f"{s.expected_rate:.2%}",
                f"{s.actual_count}/{s.actual_total}",
                f"{s.actual_rate:.2%}",
                f"{s.z:.3f}",
                f"{s.p_value:.3g}",
            )
            for s in shifts
        ]
        self.log_table(("decision", "expected", "rate", "actual", "rate", "z", "p"), rows, "Decision rates")
        shifted = [s for s in shifts if s.p_value < alpha]
        if shifted:
            details = "; ".join(
                f"{s.decision} {s.expected_rate:.2%} -> {s.actual_rate:.2%} (z={s.z:.2f}, p={s.p_value:.3g})"
                for s in shifted
            )
            self.fail(f"Decision rates shifted at alpha {alpha:g}: {details}")

    @keyword("Build Swap Set", tags=("Champion/Challenger",))
    def build_swap_set(
        self, champion_results: list | str, challenger_results: list | str, key: str = "transactionId"
    ) -> dict:
        """Pairs champion and challenger decisions on ``key`` and returns the swap set; the 3x3 table is logged.

        | =Arguments= | =Description= |
        | ``champion_results`` | Results of the current model: a list of dictionaries or a results file. |
        | ``challenger_results`` | Results of the new model for the same applications. |
        | ``key`` | The field pairing the records. |

        The returned dictionary: ``table`` (champion decision -> challenger decision -> count),
        ``paired``, ``flips`` (paired records whose decision changed), ``flip_rate``,
        ``swap_ins`` (DECLINE or REFER -> APPROVE), ``swap_outs`` (APPROVE -> REFER or DECLINE),
        ``unpaired_champion``, ``unpaired_challenger`` and the first flipped ``examples``.

        Example:
        | ${swap} = | Build Swap Set | ${v1_results} | ${v2_results} |
        | Swap Set Flip Rate Should Be At Most | ${swap} | 0.20 |
        """
        try:
            swap = build_swap_set(champion_results, challenger_results, key, self.library.max_examples)
        except (ValueError, FileNotFoundError, TypeError) as error:
            self.fail(f"Swap set: {error}")
        columns = list(dict.fromkeys(c for row in swap.table.values() for c in row))
        rows = [[f"champion {name}", *(swap.table[name].get(c, 0) for c in columns)] for name in swap.table]
        self.log_table(("", *(f"challenger {c}" for c in columns)), rows, "Swap set")
        self.log_summary(
            [
                ("paired", swap.paired),
                ("flips", swap.flips),
                ("flip rate", f"{swap.flip_rate:.2%}"),
                ("swap-ins", swap.swap_ins),
                ("swap-outs", swap.swap_outs),
                ("unpaired champion / challenger", f"{swap.unpaired_champion} / {swap.unpaired_challenger}"),
            ]
        )
        return swap.as_dict()

    @keyword("Swap Set Flip Rate Should Be At Most", tags=("Champion/Challenger", "Assertion"))
    def swap_set_flip_rate_should_be_at_most(self, swap_set: dict, max_rate: str | float) -> None:
        """Fails when the share of paired records whose decision changed exceeds ``max_rate``.

        | =Arguments= | =Description= |
        | ``swap_set`` | The dictionary from `Build Swap Set`. |
        | ``max_rate`` | A fraction (``0.15``) or a percentage (``15%``). |

        Example:
        | ${swap} = | Build Swap Set | ${v1_results} | ${v2_results} |
        | Swap Set Flip Rate Should Be At Most | ${swap} | 15% |
        """
        limit = _rate(max_rate)
        rate = swap_set["flip_rate"]
        if rate > limit:
            self.fail(
                f"Flip rate {rate:.2%} ({swap_set['flips']} of {swap_set['paired']} paired decisions) exceeds "
                f"{limit:.2%}: {swap_set['swap_ins']} swap-ins, {swap_set['swap_outs']} swap-outs"
            )

    @keyword("Swap Set Should Have No Flips", tags=("Champion/Challenger", "Assertion"))
    def swap_set_should_have_no_flips(self, swap_set: dict) -> None:
        """Fails on any decision flip or unpaired record: a refactor of the same model version must change nothing.

        | =Arguments= | =Description= |
        | ``swap_set`` | The dictionary from `Build Swap Set`. |

        Example:
        | ${swap} = | Build Swap Set | ${before_refactor} | ${after_refactor} |
        | Swap Set Should Have No Flips | ${swap} |
        """
        problems = []
        if swap_set["flips"]:
            shown = ", ".join(f"{e['key']} {e['champion']}->{e['challenger']}" for e in swap_set["examples"][:5])
            problems.append(f"{swap_set['flips']} of {swap_set['paired']} decisions flipped ({shown})")
        if swap_set["unpaired_champion"] or swap_set["unpaired_challenger"]:
            problems.append(
                f"unpaired records: {swap_set['unpaired_champion']} champion, "
                f"{swap_set['unpaired_challenger']} challenger"
            )
        if problems:
            self.fail("Swap set is not empty: " + "; ".join(problems))

    @keyword("Log Score Distributions", tags=("Drift",))
    def log_score_distributions(
        self, expected: Scores, actual: Scores, labels: str = "champion,challenger", bins: int = 20
    ) -> str:
        """Logs overlaid histograms of two score samples as an inline SVG chart and returns the SVG.

        | =Arguments= | =Description= |
        | ``expected`` / ``actual`` | The two samples, as in `Calculate PSI`. |
        | ``labels`` | Comma-separated legend labels. |
        | ``bins`` | Number of equal-width bins over the common range. |

        Example:
        | Log Score Distributions | ${v1_results} | ${v2_results} |
        | Log Score Distributions | ${baseline_scores} | ${today_scores} | labels=baseline,today |
        """
        names = self.split_list(labels) or ["expected", "actual"]
        while len(names) < 2:
            names.append("actual")
        try:
            svg = histogram_svg([as_numbers(expected), as_numbers(actual)], names[:2], bins=bins)
        except ValueError as error:
            self.fail(f"Score distributions: {error}")
        self.log_html(svg)
        return svg

    @keyword("Get Scores By Key", tags=("Drift",))
    def get_scores_by_key(self, results: list, key: str = "caseId", field: str = "score") -> dict:
        """Returns ``{result[key]: result[field]}`` of ``results``; fails naming every result without them.

        | =Arguments= | =Description= |
        | ``results`` | Result dictionaries (from `Set Case Ids From Transaction Ids` for ``caseId``). |
        | ``key`` | The field pairing results with other records. |
        | ``field`` | The value kept per key. |

        A later result with the same key replaces an earlier one.

        Example:
        | ${score_of} = | Get Scores By Key | ${results} |
        | ${today} = | Get Scores Of Records | ${baseline}[records] | ${score_of} |
        """
        try:
            return values_by_key(results, key, field)
        except ValueError as error:
            self.fail(f"Scores by {key}: {error}")

    @keyword("Get Scores Of Records", tags=("Drift",))
    def get_scores_of_records(self, records: list, scores: dict, key: str = "caseId") -> list:
        """Returns the score ``scores`` holds for each record's ``key``, in the order of ``records``.

        | =Arguments= | =Description= |
        | ``records`` | Dictionaries with ``key`` (baseline cases). |
        | ``scores`` | ``{key: score}``, like from `Get Scores By Key`. |
        | ``key`` | The field pairing the records with ``scores``. |

        Fails naming every record whose key has no score (the first ``max_examples``) and how many there are.

        Example:
        | ${today} = | Get Scores Of Records | ${segment_cases} | ${score_of} |
        | ${psi} = | Calculate PSI | ${segment_cases} | ${today} | edges=${{[600, 680, 720, 760]}} |
        """
        try:
            found, missing = values_of(records, scores, key)
        except ValueError as error:
            self.fail(f"Scores of records: {error}")
        if missing:
            self.fail(
                f"{len(missing)} of {len(records)} records have no score by {key}: "
                f"{listed(missing, self.library.max_examples, ', ')}"
            )
        return found


def _rate(value: str | float) -> float:
    text = str(value).strip()
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)
