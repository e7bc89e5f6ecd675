"""The program's own texts come from the pack's `messages`; this module picks the language and fills them."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from aiexposure.errors import ExitCode, UserError
from aiexposure.escape import one_line
from aiexposure.pack.schema import LANGS, Lang, Pack

ENV_LANG = "AIEXPOSURE_LANG"

# Names that advice and FAQ texts may use besides the score ids.
PLACEHOLDERS = ("role",)

# Every message key the program uses; `rules check` insists on all of them.
REQUIRED_MESSAGES = (
    "report_title",
    "role",
    "verdict",
    "risk",
    "band",
    "pack",
    "pack_version",
    "point",
    "tasks_heading",
    "tasks_typical",
    "tasks_why",
    "col_task",
    "col_share",
    "col_genai",
    "col_robotics",
    "col_mode",
    "col_horizon",
    "col_share_short",
    "col_genai_short",
    "col_robotics_short",
    "tasks_columns_note",
    "range",
    "ranges_note",
    "market_heading",
    "calibrate_genai",
    "calibrate_automation",
    "calibrate_model_genai",
    "calibrate_model_automation",
    "calibrate_codes",
    "calibrate_spearman",
    "calibrate_tasks",
    "calibrate_task_spearman",
    "calibrate_scope",
    "calibrate_scope_all",
    "calibrate_matched",
    "read_as",
    "step_hypothesis",
    "calibrate_rho",
    "calibrate_note",
    "your_exposure",
    "mode_augment",
    "mode_substitute",
    "advice_heading",
    "no_advice",
    "moves_heading",
    "moves_intro",
    "move_set",
    "move_add",
    "no_moves",
    "risk_points",
    "faq_heading",
    "references_heading",
    "references_note",
    "col_source",
    "col_measure",
    "col_value",
    "measure_genai",
    "measure_automation",
    "sources_heading",
    "assumed",
    "answers_heading",
    "answer_assumed",
    "made_on",
    "date",
    *(f"month_{number}" for number in range(1, 13)),
    "quadrant_heading",
    "axis_exposure",
    "axis_adaptation",
    "axis_adaptation_low",
    "axis_adaptation_high",
    "axis_exposure_low",
    "axis_exposure_high",
    "you",
    "axis_threshold",
    "explain_heading",
    "explain_note",
    *(
        f"sys_{name}"
        for name in (
            "write",
            "read",
            "no_option",
            "no_option_like",
            "needs_argument",
            "extra_argument",
            "missing_argument",
            "missing_option",
            "bad_choice",
            "bad_value",
            "see_help",
            "pack_empty",
            "pack_problems",
            "output",
        )
    ),
    *(
        f"reason_{name}"
        for name in (
            "no_such_file",
            "permission",
            "disk_full",
            "too_large",
            "read_only",
            "is_folder",
            "not_folder",
            "closed",
            "not_regular",
            "foreign_link",
            "not_yours",
        )
    ),
    "hint_output",
    "hint_out_dir",
    "col_term",
    "col_weight",
    "col_contribution",
    "factor",
    "col_role",
    "col_family",
    "col_tasks",
    "col_question",
    "col_values",
    "col_applies",
    "col_default",
    "kind_select",
    "kind_multi",
    "values_tasks",
    "actionable",
    "questions_hint",
    "roles_hint",
    "quiz_welcome",
    "quiz_select_hint",
    "quiz_checkbox_hint",
    "quiz_role",
    "quiz_mix",
    "quiz_mix_typical",
    "quiz_mix_same",
    "quiz_mix_own",
    "quiz_task_time",
    "quiz_mix_empty",
    "quiz_mix_result",
    "quiz_review",
    "quiz_review_pick",
    "quiz_review_ok",
    "quiz_review_change",
    "quiz_save_ask",
    "quiz_save_yes",
    "quiz_save_no",
    "quiz_save_path",
    "quiz_saved",
    "quiz_write_failed",
    "quiz_cancelled",
    "stopped",
    "stopped_finished",
    "quiz_cancelled_saved",
    "quiz_needs_terminal",
    "quiz_none_picked",
    "quiz_no_input",
    "quiz_no_output",
    "quiz_picked",
    *(
        f"batch_{name}"
        for name in (
            "title",
            "counts",
            "by_role",
            "by_band",
            "people",
            "scores",
            "scores_note",
            "advice",
            "moves",
            "moves_sample",
            "rejected",
            "row",
            "reason",
            "more_rejected",
            "ignored",
            "strict",
            "tally",
            "guide_title",
            "guide_intro",
            "guide_select",
            "guide_multi",
            "guide_tasks",
            "guide_amounts",
            "guide_task_options",
            "empty_row",
            "extra_cells",
            "step",
            "no_role_cell",
            "no_file",
            "no_role_column",
            "not_utf8",
            "needs_out_dir",
            "template_only",
            "none",
            "out_dir_hint",
            "bad_json",
            "json_object",
            "bad_csv",
            "guide_id_heading",
            "guide_id_kind",
            "guide_id",
            "page_means",
            "page_class_change",
            "page_change_note",
            "page_role_change",
            "page_people",
            "page_people_note",
            "page_people_said",
            "page_people_first",
            "chart_title",
            "legend_band",
            "legend_exposed",
            "legend_safe",
            "legend_adapting",
            "legend_waiting",
            "replaced_note",
            "empty_note",
            "replaced",
            "replaced_by",
            "replaced_tally",
            "bad_choice",
            "other_role",
            "not_asked",
            "mixed_cells",
            "no_id_column",
            "why_no_id",
            "why_columns",
            "why_empty_ids",
            "why_ids",
            "line_too_long",
            "value_too_long",
            "header_too_long",
        )
    ),
    *(
        f"err_{name}"
        for name in (
            "weight",
            "weight_text",
            "weight_range",
            "unknown_task",
            "all_zero",
            "weights_huge",
            "task_twice",
            "answer_twice",
            "empty_path",
            "not_word",
            "one_value",
            "bad_value",
            "bad_values",
            "task_needs_role",
            "unknown_question",
            "no_role",
            "unknown_role",
            "not_asked",
            "strict",
        )
    ),
    # report formats and output files
    "err_output_suffix",
    "report_written",
    # the personal history and a class before and after
    "quiz_keep_ask",
    "quiz_keep_yes",
    "quiz_keep_no",
    *(
        f"history_{name}"
        for name in (
            "kept",
            "file",
            "empty",
            "col_date",
            "list_other_pack",
            "foreign",
            "damaged",
            "why_not_file",
            "why_empty",
            "why_not_sqlite",
            "why_other_program",
            "why_short",
            "why_no_version",
            "why_link",
            "why_other_user",
            "folder_not_yours",
            "folder_private",
            "newer",
            "cannot_write",
            "cannot_read",
            "no_entry",
            "bad_id",
            "no_longer_fits",
            "pack_differs",
            "need_two",
            "same_entry",
            "compare_format",
            "forget_what",
            "forget_both",
            "forgot",
            "forgot_all",
            "compare_title",
            "rescored",
            "risk_change",
            "verdict_change",
            "scores_heading",
            "changes_heading",
            "no_changes",
            "task_change",
            "other_change",
            "assumed_value",
            "total",
            "steps_taken",
            "steps_new",
            "steps_still",
            "none",
            "col_change",
        )
    ),
    *(
        f"batch_before_{name}"
        for name in (
            "heading",
            "intro",
            "group",
            "matched",
            "new",
            "left",
            "left_names",
            "and_more",
            "chart_legend",
            "none",
            "few",
            "no_id",
            "replaced",
            "in_before",
            "in_after",
            "rejected",
            "by_role",
            "risk_before",
            "risk_after",
            "mean",
            "median",
            "word_before",
            "word_after",
            "chart",
            "transitions",
            "transitions_note",
            "moved",
            "moved_note",
            "points_mean",
            "points_all",
            "more_time",
            "less_time",
            "role_change",
            "stdin_twice",
            "strict",
            "tally",
            "not_template",
        )
    ),
)

_SLOT = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def resolve_lang(option: str | None) -> Lang:
    """--lang, else $AIEXPOSURE_LANG, else the locale, else English."""
    for raw, origin in ((option, "--lang"), (os.environ.get(ENV_LANG), ENV_LANG)):
        if raw:
            value = raw.strip().lower()
            if value in LANGS:
                return value
            raise UserError(f"{origin}: unknown language '{raw}'; choose one of: {', '.join(LANGS)}")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = os.environ.get(name, "")
        if locale:
            return "id" if locale.lower().startswith(("id", "in_")) else "en"
    return "en"


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace `{name}` slots from `values`; unknown slots stay as written (no format-string tricks)."""
    return _SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def input_error(pack: Pack, key: str, exit_code: int = ExitCode.USER_ERROR, **slots: object) -> UserError:
    """A mistake in the person's answers, worded by the pack in every language."""
    values = {k: one_line(str(v)) for k, v in slots.items()}  # what the person typed stays on one line
    text = pack.messages[key]
    return UserError(fill(text.en, values), exit_code, translations={"id": fill(text.id, values)})


class Texts:
    """The pack's messages in one language."""

    def __init__(self, pack: Pack, lang: Lang) -> None:
        self.pack = pack
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        text = self.pack.messages[key](self.lang)
        return fill(text, {k: str(v) for k, v in values.items()}) if values else text
