#include "AppIcon.h"

#include <QImageReader>

// The resources live in the static ui library: make sure the linker keeps and registers them.
static void initResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(ncbackup);
        return true;
    }();
    Q_UNUSED(done);
}

namespace ncb::ui {

QIcon appIcon()
{
    initResources();
    QIcon icon;
    for (int size : {32, 64, 128})
        icon.addFile(QStringLiteral(":/icons/ncbackup-%1.png").arg(size), QSize(size, size));
    if (QImageReader::supportedImageFormats().contains("svg"))
        icon.addFile(QStringLiteral(":/icons/ncbackup.svg"));
    return icon;
}

} // namespace ncb::ui
