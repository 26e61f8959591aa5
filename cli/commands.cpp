// The command table (ninja's kTools): one explicit list, in --help order.
#include "cli/commands.hpp"

#include <array>

#include "cli/app.hpp"

namespace stride::cli {

std::span<const CommandSpec> commands() {
  static constexpr std::array kCommands = {
      CommandSpec{"init", add_init},         CommandSpec{"import", add_import},
      CommandSpec{"list", add_list},         CommandSpec{"show", add_show},
      CommandSpec{"edit", add_edit},         CommandSpec{"delete", add_delete},
      CommandSpec{"undelete", add_undelete}, CommandSpec{"log", add_log},
      CommandSpec{"pain", add_pain},         CommandSpec{"status", add_status},
      CommandSpec{"check", add_check},       CommandSpec{"warnings", add_warnings},
      CommandSpec{"shoes", add_shoes},       CommandSpec{"report", add_report},
      CommandSpec{"plan", add_plan},         CommandSpec{"today", add_today},
      CommandSpec{"export", add_export},     CommandSpec{"undo-import", add_undo_import},
  };
  return kCommands;
}

}  // namespace stride::cli
