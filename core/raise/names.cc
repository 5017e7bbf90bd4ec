#include "core/raise/names.h"

#include <cctype>

namespace keyway::raise {

namespace {
bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
}  // namespace

std::string identifier_from(const std::string& text, const std::string& prefix) {
  std::string out;
  for (char c : text) out += is_word_char(c) ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front()))) out = prefix + out;
  return out;
}

std::string model_name_for(const std::string& table) {
  std::string out;
  bool start = true;
  for (char c : table) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      start = true;
      continue;
    }
    out += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    start = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front()))) out = "Table" + out;
  return out;
}

std::string plural(const std::string& name) {
  if (name.empty()) return "items";
  const char last = name.back();
  if (last == 's' || last == 'x' || name.ends_with("ch") || name.ends_with("sh")) {
    return name + "es";
  }
  if (last == 'y' && name.size() > 1 && std::string("aeiou").find(name[name.size() - 2]) ==
                                              std::string::npos) {
    return name.substr(0, name.size() - 1) + "ies";
  }
  return name + "s";
}

std::string claim_name(const std::string& wanted, std::set<std::string>& taken) {
  std::string name = wanted;
  for (int n = 2; taken.contains(name); ++n) name = wanted + "_" + std::to_string(n);
  taken.insert(name);
  return name;
}

}  // namespace keyway::raise
