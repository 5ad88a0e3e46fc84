#pragma once

#include <string>

namespace cpphelm {

// Output of an operation that prints: bytes for stdout exactly as helm would print them.
struct Printed {
    std::string stdout_bytes;
};

}  // namespace cpphelm
