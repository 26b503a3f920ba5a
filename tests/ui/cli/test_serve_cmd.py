"""`resolution-qa serve` refuses bad input with one line, never a traceback."""

from click.testing import CliRunner

from ui.cli import main


def test_missing_index_says_to_build_it(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--index", str(tmp_path / "nowhere"), "--port", "7999"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "resolution-qa index build" in lines[0]


def test_bad_allow_origin_is_refused_before_loading_anything():
    result = CliRunner().invoke(main, ["serve", "--allow-origin", "not an origin"])
    assert result.exit_code == 2 and "not an origin" in result.output and "Traceback" not in result.output


def test_root_path_must_be_absolute():
    result = CliRunner().invoke(main, ["serve", "--root-path", "qa"])
    assert result.exit_code == 2 and "--root-path" in result.output
