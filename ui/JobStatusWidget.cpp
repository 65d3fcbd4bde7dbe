#include "JobStatusWidget.h"

#include "Format.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncb::ui {

JobStatusWidget::JobStatusWidget(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("jobStatus"));
    m_phase = new QLabel(this);
    m_phase->setObjectName(QStringLiteral("jobPhase"));
    m_phase->setTextFormat(Qt::PlainText);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("jobDetail"));
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setTextFormat(Qt::PlainText);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("jobProgress"));
    m_bar->setTextVisible(true);
    m_bar->setMinimumWidth(220);
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("jobCancel"));
    m_cancel->setIcon(QIcon::fromTheme(QStringLiteral("process-stop")));

    auto* texts = new QVBoxLayout;
    texts->setSpacing(1);
    texts->addWidget(m_phase);
    texts->addWidget(m_detail);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addLayout(texts, 1);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job) {
            m_job->cancel();
            m_cancel->setEnabled(false);
            m_phase->setText(tr("Cancelling %1…").arg(m_job->title()));
        }
    });
    m_cancel->setText(tr("Cancel"));
    track(nullptr);
}

void JobStatusWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        m_cancel->setText(tr("Cancel"));
    QWidget::changeEvent(event);
}

QString JobStatusWidget::phaseText(const QString& phase)
{
    if (phase == QLatin1String("scan"))
        return tr("Scanning files");
    if (phase == QLatin1String("files"))
        return tr("Saving files");
    if (phase == QLatin1String("maintenance"))
        return tr("Nextcloud in maintenance mode");
    if (phase == QLatin1String("db"))
        return tr("Saving the database");
    if (phase == QLatin1String("delta"))
        return tr("Saving changes since the last backup");
    if (phase == QLatin1String("manifest"))
        return tr("Sealing the Restoring Point");
    if (phase == QLatin1String("restore"))
        return tr("Restoring files");
    if (phase == QLatin1String("check"))
        return tr("Checking the repository");
    if (phase == QLatin1String("rescan"))
        return tr("Nextcloud is rescanning the files");
    if (phase == QLatin1String("connect"))
        return tr("Connecting");
    return phase;
}

void JobStatusWidget::track(Job* job)
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    m_cancel->setEnabled(job != nullptr);
    m_cancel->setVisible(job != nullptr);
    m_bar->setVisible(job != nullptr);
    m_detail->clear();
    if (!job) {
        m_phase->setText(tr("Idle"));
        return;
    }
    m_phase->setText(job->title());
    m_bar->setRange(0, 0); // busy until the first progress tells the total
    connect(job, &Job::progress, this, &JobStatusWidget::showProgress);
    connect(job, &Job::finished, this, &JobStatusWidget::showFinished);
    connect(job, &QObject::destroyed, this, [this] { track(nullptr); });
    if (job->state() == Job::State::Finished)
        showFinished(job->status());
}

void JobStatusWidget::showProgress(const Progress& p)
{
    const QString phase = phaseText(p.phase);
    m_phase->setText(phase.isEmpty() ? m_job->title() : tr("%1 — %2").arg(m_job->title(), phase));
    if (p.bytesTotal > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(double(p.bytesDone) / double(p.bytesTotal) * 1000.0));
    } else if (p.filesTotal > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(double(p.filesDone) / double(p.filesTotal) * 1000.0));
    } else {
        m_bar->setRange(0, 0);
    }
    QStringList parts;
    if (p.filesTotal >= 0)
        parts << tr("%1 of %2 files").arg(QLocale().toString(p.filesDone), QLocale().toString(p.filesTotal));
    else if (p.filesDone > 0)
        parts << tr("%1 files").arg(QLocale().toString(p.filesDone));
    if (p.bytesTotal >= 0)
        parts << tr("%1 of %2").arg(Format::bytes(p.bytesDone), Format::bytes(p.bytesTotal));
    else if (p.bytesDone > 0)
        parts << Format::bytes(p.bytesDone);
    if (p.bytesPerSecond > 0)
        parts << Format::rate(p.bytesPerSecond);
    if (p.etaSeconds >= 0)
        parts << tr("%1 left").arg(Format::duration(p.etaSeconds));
    m_detail->setText(parts.join(QStringLiteral(" · ")));
    m_detail->setToolTip(p.current);
}

void JobStatusWidget::showFinished(const Status& s)
{
    const QString title = m_job ? m_job->title() : QString();
    m_cancel->setEnabled(false);
    m_cancel->setVisible(false);
    m_bar->setVisible(false);
    if (s.ok())
        m_phase->setText(tr("%1: done").arg(title));
    else if (s.error().code == Error::Cancelled)
        m_phase->setText(tr("%1: cancelled").arg(title));
    else
        m_phase->setText(tr("%1: failed").arg(title));
    m_detail->setText(s.ok() ? QString() : s.error().message);
    emit jobFinished(title, s);
}

} // namespace ncb::ui
