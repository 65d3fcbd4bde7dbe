#pragma once
#include <QString>

namespace ncb {
inline QString versionString() { return QStringLiteral(NCB_VERSION); }
} // namespace ncb
