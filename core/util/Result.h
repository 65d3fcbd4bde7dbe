#pragma once
// Result<T>: a value or one user-facing Error. No exceptions cross module boundaries;
// the CLI maps Error::Code to its exit code (see exitCodeFor()).

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace ncb {

struct Error
{
    enum Code {
        Generic = 1,      // anything else
        Usage = 2,        // bad command line
        NotFound = 3,     // repository, snapshot, path, instance missing
        Auth = 4,         // wrong password / recovery key / credentials
        Corrupt = 5,      // damaged or tampered data
        Io = 6,           // disk full, read-only, permission
        Locked = 7,       // another job holds the repository
        Network = 8,      // host unreachable, connection dropped
        HostKey = 9,      // unknown or changed SSH host key
        Unsafe = 10,      // hostile path, refused
        Cancelled = 11,   // the user stopped the job
        Remote = 12,      // the Nextcloud host said no (occ, DB, HTTP)
        Incomplete = 13,  // a Restoring Point was written, but some paths on the host could not be read
    };
    Code code = Generic;
    QString message; // one clear sentence

    static Error make(Code c, QString m) { return Error{c, std::move(m)}; }
};

inline int exitCodeFor(const Error& e) { return static_cast<int>(e.code); }

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<T>(m_v); }
    const T& value() const& { return std::get<T>(m_v); }
    T&& value() && { return std::get<T>(std::move(m_v)); }
    T* operator->() { return &std::get<T>(m_v); }
    const T* operator->() const { return &std::get<T>(m_v); }
    T& operator*() & { return value(); }
    const Error& error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_e(std::move(error)) {}
    bool ok() const { return !m_e.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_e; }

private:
    std::optional<Error> m_e;
};

using Status = Result<void>;

} // namespace ncb

// Propagate an error from an expression returning Result<...>.
#define NCB_TRY(expr)                                                                                        \
    do {                                                                                                     \
        auto&& _ncb_r = (expr);                                                                              \
        if (!_ncb_r.ok())                                                                                    \
            return _ncb_r.error();                                                                           \
    } while (0)
