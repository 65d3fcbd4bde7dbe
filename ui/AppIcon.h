#pragma once
// AppIcon: the ncbackup icon, from the SVG when Qt's SVG plugin is installed and from the bundled PNG
// renderings otherwise, so the window, tray and welcome page never show an empty icon.

#include <QIcon>

namespace ncb::ui {

QIcon appIcon();

} // namespace ncb::ui
