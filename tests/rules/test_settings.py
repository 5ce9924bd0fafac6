"""Per-warehouse control: framework.yaml's check: and jgsw.toml's [check], then the command line."""

from __future__ import annotations

from tests.conftest import MINI_FRAMEWORK, CliRunner, MiniFactory

# L601 (review overdue) and L602 (review due soon, a note) on 2025-12-31.
FILES = {
    "data/standards/vehicles/db50-t-1-2019.yaml": (
        "code: DB50/T 1-2019\ntitle: 公务用车规范\nlevel: local\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: published\npublished: 2019-01-01\n"
        "effective: 2019-05-01\n"
    ),
    "data/standards/vehicles/db50-t-2-2021.yaml": (
        "code: DB50/T 2-2021\ntitle: 公务用车规范（修订）\nlevel: local\narea: vehicles\n"
        "items: [vehicles.disposal]\nstatus: published\npublished: 2020-12-01\n"
        "effective: 2021-06-01\n"
    ),
}
AS_OF = ("--as-of", "2025-12-31")


def codes(stdout: str) -> list[str]:
    """The codes of the `path:line:col: severity CODE message` lines."""
    return [line.split()[2] for line in stdout.splitlines() if line.startswith("data/")]


def test_jgsw_toml_raises_a_warning_to_an_error(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(FILES)
    (wh.root / "jgsw.toml").write_text(
        '[check]\nselect = ["L6"]\n\n[check.severity]\nL601 = "error"\nL602 = "off"\n',
        encoding="utf-8",
    )
    result = cli("check", "--root", str(wh.root), *AS_OF)
    assert result.exit_code == 1
    assert "error L601" in result.stdout
    assert "L602" not in result.stdout


def test_framework_check_section_and_toml_on_top(mini: MiniFactory, cli: CliRunner) -> None:
    framework = MINI_FRAMEWORK + (
        "check:\n  select: [L601, L602, Q7]\n  ignore: [L602]\n"
        "  severity: {L601: info}\n  thresholds: {review_due_days: 400}\n"
    )
    wh = mini(FILES, framework=framework)
    result = cli("check", "--root", str(wh.root), *AS_OF)
    assert result.exit_code == 0
    assert codes(result.stdout) == ["L601"]
    assert "info L601" in result.stdout
    # jgsw.toml wins on the same code, and its ignore list adds to the framework's
    (wh.root / "jgsw.toml").write_text(
        '[check]\nignore = ["Q701"]\n[check.severity]\nL601 = "warning"\n', encoding="utf-8"
    )
    result = cli("check", "--root", str(wh.root), *AS_OF, "--strict")
    assert result.exit_code == 2
    assert "warning L601" in result.stdout


def test_thresholds_reach_the_rules(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(FILES)
    args = ("check", "--root", str(wh.root), *AS_OF, "--select", "L602")
    assert codes(cli(*args).stdout) == []  # DB50/T 2-2021 falls due on 2026-06-01
    (wh.root / "jgsw.toml").write_text(
        "[check.thresholds]\nreview_due_days = 160\n", encoding="utf-8"
    )
    assert codes(cli(*args).stdout) == ["L602"]


def test_command_line_select_replaces_the_configured_one(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(FILES)
    (wh.root / "jgsw.toml").write_text('[check]\nselect = ["L602"]\n', encoding="utf-8")
    assert codes(cli("check", "--root", str(wh.root), *AS_OF).stdout) == []
    out = cli("check", "--root", str(wh.root), *AS_OF, "--select", "L601").stdout
    assert codes(out) == ["L601"]


def test_misspelt_threshold_stops_the_run(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(FILES)
    (wh.root / "jgsw.toml").write_text(
        "[check.thresholds]\nreview_due_day = 60\n", encoding="utf-8"
    )
    result = cli("check", "--root", str(wh.root))
    assert result.exit_code == 1
    assert "jgsw.toml 的 [check]中的阈值 review_due_day 不存在" in result.stderr
    assert "review_due_days" in result.stderr


def test_bad_severity_and_bad_toml(mini: MiniFactory, cli: CliRunner) -> None:
    framework = MINI_FRAMEWORK + "check:\n  severity: {L601: fatal}\n"
    result = cli("check", "--root", str(mini(FILES, framework=framework).root), "--lang", "en")
    assert result.exit_code == 1
    assert "severity fatal of L601 is not one of error, warning, info, off" in result.stderr


def test_bad_toml_syntax(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(FILES)
    (wh.root / "jgsw.toml").write_text("[check\nselect = 1\n", encoding="utf-8")
    result = cli("check", "--root", str(wh.root))
    assert result.exit_code == 1
    assert "无法读取" in result.stderr and "jgsw.toml" in result.stderr
    (wh.root / "jgsw.toml").write_text("[check]\nselect = 1\n", encoding="utf-8")
    result = cli("check", "--root", str(wh.root), "--lang", "en")
    assert result.exit_code == 1
    assert "[check] in" in result.stderr and "select" in result.stderr


def test_the_review_period_is_not_a_checker_threshold(mini: MiniFactory, cli: CliRunner) -> None:
    # Indicators 16 and 17 count with the review and evaluation periods too; a
    # checker-only override would make `check` and `status` disagree, so the
    # name is refused and framework.yaml stays the one place to change it.
    wh = mini(FILES)
    (wh.root / "jgsw.toml").write_text(
        "[check.thresholds]\nreview_period_years = 3\n", encoding="utf-8"
    )
    result = cli("check", "--root", str(wh.root), *AS_OF)
    assert result.exit_code == 1
    assert "review_period_years" in result.stderr
