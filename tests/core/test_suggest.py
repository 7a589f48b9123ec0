"""Did you mean: typos find their value, other valid values are not proposed."""

from __future__ import annotations

from lnob_methods.core.suggest import close_matches, closest_or_all, did_you_mean

ISO3 = ["BGD", "KEN", "NPL", "VNM"]
AGE_BANDS = ["0_14", "15_24", "25_44", "45_54", "55_64", "65_plus"]


def test_one_wrong_letter_in_a_code_is_found():
    # "KEM" and "KEN" share "KE": ratio 2*2/(3+3) = 0.67.
    assert close_matches("KEM", ISO3) == ["KEN"]
    assert did_you_mean("KEM", ISO3) == " Did you mean 'KEN'?"


def test_a_swapped_letter_is_found():
    # "survey" vs "servey": common "s" + "rvey" = 5 letters, ratio 2*5/12 = 0.83.
    assert close_matches("servey", ["study", "survey", "dataset"]) == ["survey"]


def test_another_valid_value_is_not_proposed():
    # "40_49" vs "45_54" matches "4", "_", "4": ratio 2*3/10 = 0.6, under the cut-off.
    assert close_matches("40_49", ["45_54"]) == []
    assert did_you_mean("40_49", ["45_54"]) == ""


def test_unrelated_values_are_not_proposed():
    assert close_matches("XYZ", ISO3) == []
    assert did_you_mean("Atlantis", ["Nairobi", "Kisumu", "Mombasa"]) == ""


def test_the_prefix_of_a_long_code_finds_it():
    long = "refugees_and_asylum_seekers"
    # "refugees" vs the code: ratio 2*8/(8+27) = 0.46, too low for difflib: the prefix finds it.
    assert close_matches("refugees", [long, "women_and_girls"]) == [long]
    assert close_matches("REFUGEES", [long]) == [long], "case does not matter for a prefix"


def test_a_prefix_shorter_than_four_letters_is_not_enough():
    # "ref" vs the code: ratio 2*3/30 = 0.2, and three letters are too few for a prefix.
    assert close_matches("ref", ["refugees_and_asylum_seekers"]) == []


def test_best_first_then_prefixes_and_at_most_n():
    # "slums" 2*4/9 = 0.89, "plum" 2*3/8 = 0.75, "slum_dwellers" 2*4/17 = 0.47 (prefix only).
    choices = ["slum_dwellers", "plum", "slums"]
    assert close_matches("slum", choices) == ["slums", "plum", "slum_dwellers"]
    assert close_matches("slum", choices, n=2) == ["slums", "plum"]
    assert did_you_mean("slum", choices, n=2) == " Did you mean 'slums', 'plum'?"


def test_values_and_choices_that_are_not_text():
    # "2019" vs "2018": ratio 2*3/8 = 0.75; vs "1990": only "19" in common, 2*2/8 = 0.5.
    # "16.1" vs "16.10": 2*4/9 = 0.89; vs "10.2": "1" and "." in common, 2*2/8 = 0.5.
    assert close_matches(2019, [2018, 1990]) == ["2018"]
    assert did_you_mean(16.1, ["16.10", "10.2"]) == " Did you mean '16.10'?"


def test_among_equally_close_values_the_one_typed_from_the_start_comes_first():
    # "KEM" is one letter from each of these ISO3 codes: ratio 2*2/6 = 0.67 for all four, and
    # only three are shown. The typist got "KE" right: Kenya first (2 letters of prefix), then
    # Cambodia (1, "K"), then the order of the choices. (Ties used to go to reverse alphabetical
    # order, "YEM", "TKM", "KHM", and `lnob validate --country KEM` did not propose Kenya.)
    choices = ["YEM", "TKM", "KHM", "KEN"]
    assert close_matches("KEM", choices) == ["KEN", "KHM", "YEM"]
    assert did_you_mean("KEM", choices) == " Did you mean 'KEN', 'KHM', 'YEM'?"


def test_closest_or_all_names_the_close_ones_or_every_choice():
    regions = ["Central", "Eastern", "Northern", "Western"]
    assert closest_or_all("Eastrn", regions) == " Did you mean 'Eastern'?"
    assert closest_or_all("Kampala", regions) == (
        " Choose one of: Central, Eastern, Northern, Western."
    )


def test_a_set_of_choices_gives_the_same_suggestion_on_every_run():
    # "3.x" is as close to 3.1 as to 3.9 (same ratio, same prefix "3."): the tie goes to the first
    # choice, and a set has no fixed order from one interpreter to the next, so it is sorted.
    import subprocess
    import sys

    code = (
        "from lnob_methods.core.suggest import close_matches;"
        "print(close_matches('3.x', frozenset(f'3.{i}' for i in range(9, 0, -1)))[0])"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(6)
    }
    assert seen == {"3.1"}
