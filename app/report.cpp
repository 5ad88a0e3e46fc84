#include "report.hpp"

#include <ostream>

#include "cpphelm/errors.hpp"

namespace cpphelm::app {

int report(std::exception_ptr e, std::ostream& out, std::ostream& err) {
    try {
        std::rethrow_exception(e);
    } catch (const Error& x) {
        out << x.partial_stdout();
        out.flush();
        if (x.kind() != ErrorKind::Exit) err << "Error: " << x.what() << "\n";
        return x.exit_code();
    } catch (const std::exception& x) {
        out.flush();
        err << "Error: " << x.what() << "\n";
        return 1;
    }
}

}  // namespace cpphelm::app
