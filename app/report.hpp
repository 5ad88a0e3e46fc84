#pragma once

#include <exception>
#include <iosfwd>

namespace cpphelm::app {

// The single error sink: prints what helm prints for the exception (partial stdout, then
// "Error: <message>" on err) and returns the process exit code.
int report(std::exception_ptr e, std::ostream& out, std::ostream& err);

}  // namespace cpphelm::app
