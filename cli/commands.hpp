#pragma once
/// Each command's registration function, defined in cli/cmd_<name>.cpp.

#include "cli/app.hpp"

namespace stride::cli {

Runner add_init(CLI::App& app);
Runner add_import(CLI::App& app);
Runner add_list(CLI::App& app);
Runner add_show(CLI::App& app);
Runner add_edit(CLI::App& app);
Runner add_delete(CLI::App& app);
Runner add_undelete(CLI::App& app);
Runner add_log(CLI::App& app);
Runner add_pain(CLI::App& app);
Runner add_status(CLI::App& app);
Runner add_check(CLI::App& app);
Runner add_warnings(CLI::App& app);
Runner add_shoes(CLI::App& app);
Runner add_plan(CLI::App& app);
Runner add_today(CLI::App& app);
Runner add_export(CLI::App& app);
Runner add_undo_import(CLI::App& app);
Runner add_report(CLI::App& app);

}  // namespace stride::cli
