#include "WelcomePage.h"

#include "AppIcon.h"

#include <QEvent>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncb::ui {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* icon = new QLabel(this);
    icon->setPixmap(appIcon().pixmap(128, 128));
    icon->setAlignment(Qt::AlignCenter);
    icon->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setAlignment(Qt::AlignCenter);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setFixedWidth(520);
    m_text->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Minimum);
    m_title->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_add = new QPushButton(this);
    m_add->setObjectName(QStringLiteral("addInstanceButton"));
    m_add->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_add->setDefault(true);
    QFont bf = m_add->font();
    bf.setPointSizeF(bf.pointSizeF() * 1.2);
    m_add->setFont(bf);
    m_add->setMinimumSize(300, 48);
    connect(m_add, &QPushButton::clicked, this, &WelcomePage::addInstanceRequested);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addSpacing(12);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 0, Qt::AlignHCenter);
    layout->addSpacing(24);
    layout->addWidget(m_add, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    retranslate();
}

void WelcomePage::retranslate()
{
    m_title->setText(tr("Welcome to ncbackup"));
    m_text->setText(tr("Back up a whole Nextcloud — files, database and configuration — as encrypted "
                       "Restoring Points, and bring back one file or the whole instance when needed."));
    m_add->setText(tr("Add a Nextcloud instance"));
    m_text->setMinimumHeight(m_text->heightForWidth(m_text->width()));
}

void WelcomePage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace ncb::ui
