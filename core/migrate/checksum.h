// SHA-256 of a text, as lowercase hex (OpenSSL's EVP digest).
#pragma once

#include <string>
#include <string_view>

namespace keyway::migrate {

std::string sha256_hex(std::string_view data);

}  // namespace keyway::migrate
