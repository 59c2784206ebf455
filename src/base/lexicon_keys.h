/* lexicon_keys.h — every key of words.ini: {section, key, placeholders}.
 * Included once, by lexicon.c; kept apart so that the list reads as a list. */

/* the Japanese calendar: eras are a list, "令和 R 2019-05-01; 平成 H 1989-01-08" */
{"calendar", "eras", ""},
{"calendar", "first_year", ""},                 /* 元 (令和元年度) */
{"calendar", "fiscal_year", "era n"},           /* 令和7年度 */
{"calendar", "fiscal_year_western", "n"},       /* a year before the first era */
{"calendar", "short_year", "abbr n"},           /* {R-1} → R6 */
{"calendar", "era_year", "era n"},              /* the year of a date: 令和7年 */
{"calendar", "western_year", "n"},
{"calendar", "date", "year m d"},               /* 令和7年6月16日 */
{"calendar", "date_in_year", "m d"},            /* the end of a period in the same year: 7月11日 */
{"calendar", "period", "from to"},              /* 令和7年6月16日～7月11日 */

/* words every output shares */
{"labels", "no_answer", ""},                    /* 無回答 */
{"labels", "not_counted", ""},                  /* カウントしていない */
{"labels", "answered", ""},                     /* the one bin of a count question without bins */
{"labels", "answered_unit", "unit"},
{"labels", "response", "form got expected rate"}, /* 自治体票 62/62（回収率100%） */
{"labels", "no_rate", ""},
{"labels", "no_percent", ""},                   /* a pie's centre when its base is empty */
{"labels", "base_caption", "n label"},          /* n=23（令和6年度実施地区） */
{"labels", "base_caption_without_n", "label"},
{"labels", "multiple_note", ""},                /* （複数回答） */
{"labels", "list_separator", ""},               /* 、 */
{"labels", "count_percent", "count percent"},   /* 12（19.4%） */
{"labels", "other", ""},                        /* free answers of no group */
{"labels", "none", ""},                         /* an empty list of names */
{"labels", "more", "n"},                        /* ほか3件 */
{"labels", "legend", ""},                       /* the legend row of a chart's CSV */
{"labels", "all", ""},                          /* the column of all respondents: 全体 */

/* a share in words ({wari:…}, {frac:…}, {approx:…}, {half:…}) and a change ({change:…}) */
{"ratio", "all", ""},
{"ratio", "almost_all", ""},
{"ratio", "half", ""},
{"ratio", "about_half", ""},
{"ratio", "over_half", ""},
{"ratio", "under_half", ""},
{"ratio", "under_tenth", ""},
{"ratio", "wari", "k"},
{"ratio", "wari_under", "k"},
{"ratio", "wari_over", "k"},
{"ratio", "fraction", "num den"},
{"ratio", "about_fraction", "num den"},
{"ratio", "same", ""},
{"ratio", "up", ""},
{"ratio", "down", ""},

/* charts */
{"charts", "continuing", ""},
{"charts", "new", ""},
{"charts", "adoption_caption", "wareki"},
{"charts", "tilemap_caption", "n wareki"},
{"charts", "no_answer_tile", ""},
{"charts", "islands", ""},                      /* the area (municipalities.csv) drawn in the tile map's inset */
{"charts", "tile_suffixes", ""},                /* cut from a tile's name: 区 市 町 村 */
{"charts", "tile_legend", "label count"},       /* a line of the tile map's legend: 設置している　40 */
{"charts", "rank1", ""},
{"charts", "rank2", ""},
{"charts", "rank3", ""},
{"charts", "rank4", ""},
{"charts", "rank5", ""},
{"charts", "not_counted_note", "list"},
{"charts", "not_counted_item", "label n"},

/* the summary report */
{"report", "file", "wareki"},
{"report", "cover", ""},
{"report", "contents", ""},
{"report", "continued", "headline"},
{"report", "bullet", ""},                       /* before a bullet and an example: ・ */
{"report", "note_mark", ""},                    /* before a note: ◎ */
{"report", "paren_open", ""},                   /* an answer's ( beside Japanese text, as shown: （ */
{"report", "paren_close", ""},                  /* and its ): ） */
{"report", "year_group", "wareki n respondent"},

/* check.txt */
{"check", "title", "wareki year title"},
{"check", "data", "dir"},
{"check", "codebook", "dir"},
{"check", "fielding", "period"},
{"check", "responses", ""},
{"check", "file", "path encoding n"},
{"check", "missing", ""},
{"check", "unknown_columns", ""},
{"check", "problems", "n"},

/* the workbooks */
{"workbook", "font", ""},
{"workbook", "file", "wareki"},                 /* the summary workbook's name, without .xlsx */
{"workbook", "book_title", "wareki title"},
{"workbook", "book_subject", ""},
{"workbook", "toc", ""},
{"workbook", "toc_fielding", "period"},
{"workbook", "toc_line", "publisher department fielding responses"},
{"workbook", "toc_note", ""},
{"workbook", "other_sheets", ""},
{"workbook", "other_sheet", ""},                /* the sheet of questions workbook.ini places nowhere */
{"workbook", "back_to_toc", ""},
{"workbook", "question_title", "id label"},
{"workbook", "base_note", "label"},
{"workbook", "base_note_defined", "label definition"},
{"workbook", "note_multiple", "base"},
{"workbook", "note_unit", "base unit"},
{"workbook", "note_text", "base"},
{"workbook", "sheet_note", "wareki title"},
{"workbook", "text_sheet_note", "wareki"},
{"workbook", "type_single", ""},
{"workbook", "type_multi", ""},
{"workbook", "type_count", ""},
{"workbook", "type_year", ""},
{"workbook", "type_text", ""},
{"workbook", "head_bins", ""},
{"workbook", "head_years", ""},
{"workbook", "head_choices", ""},
{"workbook", "head_count", ""},
{"workbook", "head_percent", ""},
{"workbook", "base_n", ""},
{"workbook", "stats", ""},
{"workbook", "stat_answered", ""},
{"workbook", "stat_value", "unit"},
{"workbook", "stat_sum", "unit"},
{"workbook", "stat_mean", "unit"},
{"workbook", "stat_median", "unit"},
{"workbook", "stat_min", "unit"},
{"workbook", "stat_max", "unit"},
{"workbook", "unit", "unit"},
{"workbook", "no_group", ""},
{"workbook", "no_answers", ""},
{"workbook", "grouped_answer", "group text"},
{"workbook", "label_unit", "label unit"},
{"workbook", "mark", ""},
{"workbook", "col_no", ""},
{"workbook", "col_sheet", ""},
{"workbook", "col_question_id", ""},
{"workbook", "col_question", ""},
{"workbook", "col_type", ""},
{"workbook", "col_group", ""},
{"workbook", "col_code", ""},
{"workbook", "col_name", ""},
{"workbook", "col_segment", ""},
{"workbook", "col_segment_of", "question"},
{"workbook", "col_answer", ""},
{"workbook", "col_form", ""},
{"workbook", "col_base", ""},
{"workbook", "col_definition", ""},
{"workbook", "col_n", ""},
{"workbook", "col_n_year", "wareki"},
{"workbook", "col_n_previous", ""},
{"workbook", "col_base_questions", ""},
{"workbook", "col_where", ""},
{"workbook", "col_severity", ""},
{"workbook", "col_message", ""},
{"workbook", "responses_sheet", "respondent"},
{"workbook", "responses_what", "form respondent"},
{"workbook", "conditions", ""},
{"workbook", "conditions_what", ""},
{"workbook", "heading_survey", ""},
{"workbook", "survey_title", ""},
{"workbook", "survey_year", ""},
{"workbook", "survey_year_value", "wareki year"},
{"workbook", "fielding", ""},
{"workbook", "method", ""},
{"workbook", "publisher", ""},
{"workbook", "publisher_value", "publisher department"},
{"workbook", "responses", ""},
{"workbook", "data", ""},
{"workbook", "data_value", "dir codebook"},
{"workbook", "previous", ""},
{"workbook", "previous_value", "wareki dir"},
{"workbook", "heading_bases", ""},
{"workbook", "heading_segments", ""},
{"workbook", "segment_how", "form id label"},
{"workbook", "segment_how_other_form", "form id label"},
{"workbook", "segment_note", ""},
{"workbook", "heading_rules", ""},
{"workbook", "rule_percent", ""},
{"workbook", "rule_percent_text", ""},
{"workbook", "rule_multiple", ""},
{"workbook", "rule_multiple_text", ""},
{"workbook", "rule_no_answer", ""},
{"workbook", "rule_no_answer_text", ""},
{"workbook", "rule_outside", ""},
{"workbook", "rule_outside_text", ""},
{"workbook", "rule_stats", ""},
{"workbook", "rule_stats_text", ""},
{"workbook", "rule_bins", ""},
{"workbook", "rule_bins_text", ""},
{"workbook", "heading_problems", ""},
{"workbook", "warning", ""},
{"workbook", "note", ""},
{"workbook", "no_problems", ""},
/* a municipality's workbook */
{"workbook", "municipal_book_title", "name wareki title"},
{"workbook", "municipal_all", ""},
{"workbook", "cover", ""},
{"workbook", "cover_title", "name wareki title"},
{"workbook", "cover_note", ""},
{"workbook", "back_to_cover", ""},
{"workbook", "responded", ""},
{"workbook", "no_response", ""},
{"workbook", "in_base", ""},
{"workbook", "in_base_code", "code"},
{"workbook", "outside", ""},
{"workbook", "outside_text", ""},
{"workbook", "rank", ""},
{"workbook", "rank_of", "label n"},
{"workbook", "rank_all", ""},
{"workbook", "rank_segment", ""},
{"workbook", "segment_group", "segment"},
{"workbook", "counted_year", "counted"},
{"workbook", "counted_survey", "survey"},
{"workbook", "municipal_note_multiple", "base"},
{"workbook", "municipal_note_outside", "base name"},
{"workbook", "answer_of", "name"},
{"workbook", "form_title", "name form wareki"},
{"workbook", "form_note", "name mark"},
{"workbook", "form_note_no_response", "name form"},
{"workbook", "sheets", ""},
{"workbook", "sheet_what", "form"},
{"workbook", "how_to_read", ""},
{"workbook", "no_segment", ""},
{"workbook", "when_previous", ""},
{"workbook", "read_mark", "name previous"},
{"workbook", "read_all", ""},
{"workbook", "read_segment", "segment name"},
{"workbook", "read_percent", ""},
{"workbook", "read_rank", ""},
{"workbook", "read_outside", ""},
