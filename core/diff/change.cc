#include "core/diff/change.h"

#include <fmt/format.h>

namespace keyway::diff {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string qualified(const std::string& table, const std::vector<std::string>& columns) {
  if (columns.size() == 1) return table + "." + columns.front();
  return table + "(" + join(columns) + ")";
}

std::string describe_type(const schema::ColumnType& type) {
  switch (type.kind) {
    case schema::TypeKind::kChar: return fmt::format("char({})", type.length);
    case schema::TypeKind::kDecimal:
      return fmt::format("decimal({},{})", type.precision, type.scale);
    case schema::TypeKind::kOther: return type.raw;
    default: return schema::to_string(type.kind);
  }
}

std::string describe_default(const Boxed<schema::Literal>& value) {
  if (!value || value->kind == schema::Literal::Kind::kNull) return "none";
  if (value->kind == schema::Literal::Kind::kString) return "'" + value->text + "'";
  return value->text;
}

std::string describe_column(const schema::Column& column) {
  std::string out = fmt::format("{} {}{}", column.name, describe_type(column.type),
                                column.nullable ? " NULL" : " NOT NULL");
  if (column.default_value && column.default_value->kind != schema::Literal::Kind::kNull) {
    out += " DEFAULT " + describe_default(column.default_value);
  }
  return out;
}

std::string describe_fk(const std::string& table, const schema::ForeignKey& key) {
  std::string out = fmt::format("{} → {} ON DELETE {}", qualified(table, key.columns),
                                qualified(key.ref_table, key.ref_columns),
                                schema::to_sql(key.on_delete));
  if (key.on_update != schema::Action::kNoAction) {
    out += fmt::format(" ON UPDATE {}", schema::to_sql(key.on_update));
  }
  if (key.deferrable) out += " DEFERRABLE";
  return out;
}

}  // namespace

const std::string& table_of(const Change& change) {
  return std::visit(
      Overloaded{
          [](const AddTable& c) -> const std::string& { return c.table.name; },
          [](const DropTable& c) -> const std::string& { return c.table.name; },
          [](const RenameTable& c) -> const std::string& { return c.to; },
          [](const CopyLinks& c) -> const std::string& { return c.to_table; },
          [](const auto& c) -> const std::string& { return c.table; },
      },
      change);
}

std::string describe(const Change& change) {
  return std::visit(
      Overloaded{
          [](const AddTable& c) {
            if (c.table.junction && !c.table.junction->through) {
              return fmt::format("create junction table {} for {}.{}", c.table.name,
                                 c.table.junction->model, c.table.junction->field);
            }
            return fmt::format("create table {}", c.table.name);
          },
          [](const DropTable& c) { return fmt::format("drop table {}", c.table.name); },
          [](const RenameTable& c) { return fmt::format("rename table {} to {}", c.from, c.to); },
          [](const AddColumn& c) {
            return fmt::format("add column {}.{}", c.table, describe_column(c.column));
          },
          [](const DropColumn& c) {
            return fmt::format("drop column {}.{}", c.table, c.column.name);
          },
          [](const RenameColumn& c) {
            return fmt::format("rename column {}.{} to {}", c.table, c.from, c.to);
          },
          [](const AlterColumn& c) {
            std::vector<std::string> parts;
            if (c.changes & kChangeType) {
              parts.push_back(fmt::format("type {} → {}", describe_type(c.from.type),
                                          describe_type(c.to.type)));
            }
            if (c.changes & kChangeNull) {
              parts.push_back(c.to.nullable ? "drop NOT NULL" : "set NOT NULL");
            }
            if (c.changes & kChangeDefault) {
              parts.push_back(fmt::format("default {} → {}", describe_default(c.from.default_value),
                                          describe_default(c.to.default_value)));
            }
            return fmt::format("alter column {}.{}: {}", c.table, c.to.name, join(parts, "; "));
          },
          [](const AddForeignKey& c) {
            return "add foreign key " + describe_fk(c.table, c.key);
          },
          [](const DropForeignKey& c) {
            return "drop foreign key " + describe_fk(c.table, c.key);
          },
          [](const AddUnique& c) {
            return fmt::format("add unique {}", qualified(c.table, c.key.columns));
          },
          [](const DropUnique& c) {
            return fmt::format("drop unique {}", qualified(c.table, c.key.columns));
          },
          [](const AddIndex& c) {
            return fmt::format("add index {} on {}", c.index.name,
                               qualified(c.table, c.index.columns));
          },
          [](const DropIndex& c) {
            return fmt::format("drop index {} on {}", c.index.name,
                               qualified(c.table, c.index.columns));
          },
          [](const AddCheck& c) {
            return fmt::format("add check {} on {}: {}", c.check.name, c.table,
                               c.check.expression);
          },
          [](const DropCheck& c) {
            return fmt::format("drop check {} on {}", c.check.name, c.table);
          },
          [](const CopyLinks& c) {
            switch (c.mode) {
              case CopyLinks::Mode::kColumnToJunction:
                return fmt::format("copy links of {} from {}.{} into {}", c.relation,
                                   c.from_table, c.from_target_column, c.to_table);
              case CopyLinks::Mode::kJunctionToColumn:
                return fmt::format("copy links of {} from {} into {}.{}", c.relation,
                                   c.from_table, c.to_table, c.to_target_column);
              case CopyLinks::Mode::kJunctionToJunction:
                break;
            }
            return fmt::format("copy links of {} from {} into {}", c.relation, c.from_table,
                               c.to_table);
          },
      },
      change);
}

Change inverse(const Change& change) {
  return std::visit(
      Overloaded{
          [](const AddTable& c) -> Change { return DropTable{c.table}; },
          [](const DropTable& c) -> Change { return AddTable{c.table}; },
          [](const RenameTable& c) -> Change { return RenameTable{c.to, c.from}; },
          [](const AddColumn& c) -> Change { return DropColumn{c.table, c.column}; },
          [](const DropColumn& c) -> Change { return AddColumn{c.table, c.column}; },
          [](const RenameColumn& c) -> Change { return RenameColumn{c.table, c.to, c.from}; },
          [](const AlterColumn& c) -> Change {
            return AlterColumn{c.table, c.to, c.from, c.changes};
          },
          [](const AddForeignKey& c) -> Change { return DropForeignKey{c.table, c.key}; },
          [](const DropForeignKey& c) -> Change { return AddForeignKey{c.table, c.key}; },
          [](const AddUnique& c) -> Change { return DropUnique{c.table, c.key}; },
          [](const DropUnique& c) -> Change { return AddUnique{c.table, c.key}; },
          [](const AddIndex& c) -> Change { return DropIndex{c.table, c.index}; },
          [](const DropIndex& c) -> Change { return AddIndex{c.table, c.index}; },
          [](const AddCheck& c) -> Change { return DropCheck{c.table, c.check}; },
          [](const DropCheck& c) -> Change { return AddCheck{c.table, c.check}; },
          [](const CopyLinks& c) -> Change {
            CopyLinks back;
            back.relation = c.relation;
            back.from_table = c.to_table;
            back.from_source_column = c.to_source_column;
            back.from_target_column = c.to_target_column;
            back.to_table = c.from_table;
            back.to_source_column = c.from_source_column;
            back.to_target_column = c.from_target_column;
            switch (c.mode) {
              case CopyLinks::Mode::kColumnToJunction:
                back.mode = CopyLinks::Mode::kJunctionToColumn;
                break;
              case CopyLinks::Mode::kJunctionToColumn:
                back.mode = CopyLinks::Mode::kColumnToJunction;
                break;
              case CopyLinks::Mode::kJunctionToJunction:
                back.mode = CopyLinks::Mode::kJunctionToJunction;
                break;
            }
            return back;
          },
      },
      change);
}

bool is_destructive(const Change& change) {
  return std::holds_alternative<DropTable>(change) || std::holds_alternative<DropColumn>(change);
}

bool is_data_dependent(const Change& change) {
  if (std::holds_alternative<AddUnique>(change) || std::holds_alternative<AddForeignKey>(change) ||
      std::holds_alternative<AddCheck>(change)) {
    return true;
  }
  if (const auto* add = std::get_if<AddColumn>(&change)) {
    return !add->column.nullable && !add->column.default_value && !add->column.auto_increment;
  }
  if (const auto* alter = std::get_if<AlterColumn>(&change)) {
    return (alter->changes & kChangeType) ||
           ((alter->changes & kChangeNull) && !alter->to.nullable);
  }
  if (std::holds_alternative<CopyLinks>(change)) {
    return std::get<CopyLinks>(change).mode == CopyLinks::Mode::kJunctionToColumn;
  }
  return false;
}

}  // namespace keyway::diff
