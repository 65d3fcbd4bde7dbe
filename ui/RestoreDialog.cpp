#include "RestoreDialog.h"

#include "Format.h"
#include "JobStatusWidget.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace ncb::ui {

namespace {
QLabel* note(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setForegroundRole(QPalette::PlaceholderText);
    l->setContentsMargins(24, 0, 0, 4);
    return l;
}
} // namespace

RestoreDialog::RestoreDialog(const QString& instanceName, const QString& snapshotId,
                             const QDateTime& snapshotTime, QWidget* parent)
    : QDialog(parent), m_instanceName(instanceName), m_snapshotId(snapshotId), m_snapshotTime(snapshotTime)
{
    setObjectName(QStringLiteral("restoreDialog"));
    setWindowTitle(tr("Restore from %1").arg(Format::dateTime(snapshotTime)));
    m_heading = new QLabel(this);
    QFont hf = m_heading->font();
    hf.setBold(true);
    hf.setPointSizeF(hf.pointSizeF() * 1.2);
    m_heading->setFont(hf);
    auto* sub = new QLabel(
        tr("Restoring Point of %1, made %2").arg(instanceName, Format::dateTime(snapshotTime)), this);
    sub->setForegroundRole(QPalette::PlaceholderText);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildWhatPage());
    m_pages->addWidget(buildWherePage());
    m_pages->addWidget(buildConflictPage());
    m_pages->addWidget(buildSummaryPage());
    m_pages->addWidget(buildProgressPage());
    m_pages->addWidget(buildResultPage());

    m_back = new QPushButton(tr("< Back"), this);
    m_back->setObjectName(QStringLiteral("backButton"));
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("nextButton"));
    m_next->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_back, &QPushButton::clicked, this, &RestoreDialog::goBack);
    connect(m_next, &QPushButton::clicked, this, &RestoreDialog::goNext);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job && m_job->state() == Job::State::Running)
            m_job->cancel();
        else
            reject();
    });
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addSpacing(12);
    buttons->addWidget(m_cancel);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(sub);
    layout->addSpacing(8);
    layout->addWidget(m_pages, 1);
    layout->addLayout(buttons);
    resize(640, 480);
    goTo(WhatPage);
}

QWidget* RestoreDialog::buildWhatPage()
{
    auto* page = new QWidget(this);
    m_whatGroup = new QButtonGroup(page);
    m_whatSelection = new QRadioButton(tr("The selected files and folders"), page);
    m_whatSelection->setObjectName(QStringLiteral("whatSelection"));
    m_selection = new QListWidget(page);
    m_selection->setObjectName(QStringLiteral("selectionList"));
    m_selection->setMaximumHeight(110);
    m_whatUser = new QRadioButton(tr("All files of one user:"), page);
    m_whatUser->setObjectName(QStringLiteral("whatUser"));
    m_user = new QComboBox(page);
    m_user->setObjectName(QStringLiteral("userCombo"));
    m_user->setMinimumWidth(200);
    m_whatDatabase = new QRadioButton(tr("The database"), page);
    m_whatDatabase->setObjectName(QStringLiteral("whatDatabase"));
    m_whatInstance = new QRadioButton(tr("The whole instance: files, database and configuration"), page);
    m_whatInstance->setObjectName(QStringLiteral("whatInstance"));
    m_whatGroup->addButton(m_whatSelection, 0);
    m_whatGroup->addButton(m_whatUser, 1);
    m_whatGroup->addButton(m_whatDatabase, 2);
    m_whatGroup->addButton(m_whatInstance, 3);
    auto* userRow = new QHBoxLayout;
    userRow->addWidget(m_whatUser);
    userRow->addWidget(m_user);
    userRow->addStretch(1);
    auto* l = new QVBoxLayout(page);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(m_whatSelection);
    auto* selBox = new QHBoxLayout;
    selBox->setContentsMargins(24, 0, 0, 0);
    selBox->addWidget(m_selection);
    l->addLayout(selBox);
    l->addLayout(userRow);
    l->addWidget(m_whatDatabase);
    l->addWidget(note(tr("Replaces the current database: shares, comments, calendars and contacts go back to "
                         "how they were at that time."),
                      page));
    l->addWidget(m_whatInstance);
    l->addWidget(m_instanceBox = buildInstanceChoice(page));
    l->addStretch(1);
    connect(m_whatGroup, &QButtonGroup::idClicked, this, &RestoreDialog::updateButtons);
    connect(m_whatUser, &QRadioButton::toggled, m_user, &QWidget::setEnabled);
    m_user->setEnabled(false);
    m_whatSelection->setEnabled(false);
    m_selection->setEnabled(false);
    return page;
}

// The whole instance: back in place (a server that was lost or broken), or as a copy beside it with its own
// folders and database (the live instance is left alone).
QWidget* RestoreDialog::buildInstanceChoice(QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* l = new QVBoxLayout(box);
    l->setContentsMargins(24, 0, 0, 0);
    m_instanceInPlace = new QRadioButton(tr("In its place"), box);
    m_instanceInPlace->setObjectName(QStringLiteral("instanceInPlace"));
    m_instanceInPlace->setChecked(true);
    m_instanceCopy = new QRadioButton(tr("As a copy beside it, in new folders and its own database"), box);
    m_instanceCopy->setObjectName(QStringLiteral("instanceCopy"));
    auto* group = new QButtonGroup(box);
    group->addButton(m_instanceInPlace);
    group->addButton(m_instanceCopy);
    m_copyRoot = new QLineEdit(box);
    m_copyRoot->setObjectName(QStringLiteral("copyRoot"));
    m_copyRoot->setPlaceholderText(tr("/srv/nextcloud-copy/root"));
    m_copyData = new QLineEdit(box);
    m_copyData->setObjectName(QStringLiteral("copyData"));
    m_copyData->setPlaceholderText(tr("/srv/nextcloud-copy/data"));
    m_copyDatabase = new QLineEdit(box);
    m_copyDatabase->setObjectName(QStringLiteral("copyDatabase"));
    m_copyDatabase->setPlaceholderText(tr("default: the instance's database name with _rp%1").arg(m_snapshotId.left(8)));
    m_newInstanceId = new QCheckBox(tr("Give the copy a new instance id"), box);
    m_newInstanceId->setObjectName(QStringLiteral("newInstanceId"));
    auto* form = new QFormLayout;
    form->setContentsMargins(24, 0, 0, 0);
    form->addRow(tr("Server root:"), m_copyRoot);
    form->addRow(tr("Data folder:"), m_copyData);
    form->addRow(tr("Database:"), m_copyDatabase);
    form->addRow(QString(), m_newInstanceId);
    l->addWidget(m_instanceInPlace);
    l->addWidget(note(tr("For a server that was lost or broken. Everything changed since then is replaced."), box));
    l->addWidget(m_instanceCopy);
    l->addLayout(form);
    l->addWidget(note(tr("The instance itself is not touched. A copy that keeps the instance id is a stand-in for "
                         "disaster recovery; give it a new one to run it next to the instance."),
                      box));
    auto enable = [this](bool copy) {
        for (QWidget* w : {static_cast<QWidget*>(m_copyRoot), static_cast<QWidget*>(m_copyData),
                           static_cast<QWidget*>(m_copyDatabase), static_cast<QWidget*>(m_newInstanceId)})
            w->setEnabled(copy);
    };
    connect(m_instanceCopy, &QRadioButton::toggled, this, [this, enable](bool copy) {
        enable(copy);
        updateButtons();
    });
    for (QLineEdit* e : {m_copyRoot, m_copyData, m_copyDatabase})
        connect(e, &QLineEdit::textChanged, this, &RestoreDialog::updateButtons);
    connect(m_whatInstance, &QRadioButton::toggled, box, &QWidget::setEnabled);
    box->setEnabled(false);
    enable(false);
    return box;
}

QWidget* RestoreDialog::buildWherePage()
{
    auto* page = new QWidget(this);
    m_whereGroup = new QButtonGroup(page);
    auto* original = new QRadioButton(tr("Back to their original place on the server"), page);
    original->setObjectName(QStringLiteral("whereOriginal"));
    original->setChecked(true);
    auto* other = new QRadioButton(tr("Into another folder on the server:"), page);
    other->setObjectName(QStringLiteral("whereOtherHost"));
    m_otherHostFolder = new QLineEdit(page);
    m_otherHostFolder->setObjectName(QStringLiteral("otherHostFolder"));
    m_otherHostFolder->setPlaceholderText(tr("/data/alice/files/Restored"));
    auto* local = new QRadioButton(tr("Into a folder on this computer:"), page);
    local->setObjectName(QStringLiteral("whereLocal"));
    m_localFolder = new QLineEdit(page);
    m_localFolder->setObjectName(QStringLiteral("localFolder"));
    auto* browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this, local] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Restore into"), m_localFolder->text());
        if (!d.isEmpty()) {
            m_localFolder->setText(d);
            local->setChecked(true);
        }
    });
    m_whereGroup->addButton(original, int(RestoreRequest::Where::Original));
    m_whereGroup->addButton(other, int(RestoreRequest::Where::OtherHostFolder));
    m_whereGroup->addButton(local, int(RestoreRequest::Where::LocalFolder));
    auto* l = new QVBoxLayout(page);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(original);
    l->addWidget(note(tr("Nextcloud rescans the restored files so users see them at once."), page));
    l->addWidget(other);
    auto* o = new QHBoxLayout;
    o->setContentsMargins(24, 0, 0, 0);
    o->addWidget(m_otherHostFolder);
    l->addLayout(o);
    l->addWidget(local);
    auto* lo = new QHBoxLayout;
    lo->setContentsMargins(24, 0, 0, 0);
    lo->addWidget(m_localFolder, 1);
    lo->addWidget(browse);
    l->addLayout(lo);
    l->addStretch(1);
    connect(m_whereGroup, &QButtonGroup::idClicked, this, &RestoreDialog::updateButtons);
    connect(m_otherHostFolder, &QLineEdit::textChanged, this, [this, other] {
        other->setChecked(true);
        updateButtons();
    });
    connect(m_localFolder, &QLineEdit::textChanged, this, [this, local] {
        local->setChecked(true);
        updateButtons();
    });
    return page;
}

QWidget* RestoreDialog::buildConflictPage()
{
    auto* page = new QWidget(this);
    m_conflictGroup = new QButtonGroup(page);
    auto* l = new QVBoxLayout(page);
    l->setContentsMargins(0, 0, 0, 0);
    auto* intro = new QLabel(tr("Files that are already the same as the backed-up version are always left alone. "
                                "When a file exists but differs from it:"),
                             page);
    intro->setWordWrap(true);
    l->addWidget(intro);
    const struct
    {
        RestoreRequest::Conflict c;
        const char* name;
        QString text;
        QString hint;
    } options[] = {
        {RestoreRequest::Conflict::Ask, "conflictAsk", tr("Ask me for each file"), QString()},
        {RestoreRequest::Conflict::KeepBoth, "conflictKeepBoth", tr("Keep both"),
         tr("The backed-up version is restored next to it, with today's date added to its name.")},
        {RestoreRequest::Conflict::Overwrite, "conflictOverwrite",
         tr("Replace it with the backed-up version"),
         tr("The current version is lost unless an older Restoring Point holds it.")},
        {RestoreRequest::Conflict::Skip, "conflictSkip", tr("Keep the current file and skip it"),
         tr("The backed-up version of that file is not restored.")},
    };
    for (const auto& o : options) {
        auto* b = new QRadioButton(o.text, page);
        b->setObjectName(QString::fromLatin1(o.name));
        m_conflictGroup->addButton(b, int(o.c));
        l->addWidget(b);
        if (!o.hint.isEmpty())
            l->addWidget(note(o.hint, page));
    }
    m_conflictGroup->button(int(RestoreRequest::Conflict::KeepBoth))->setChecked(true);
    l->addStretch(1);
    return page;
}

QWidget* RestoreDialog::buildSummaryPage()
{
    auto* page = new QWidget(this);
    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_warning = new QLabel(page);
    m_warning->setObjectName(QStringLiteral("restoreWarning"));
    m_warning->setWordWrap(true);
    m_warning->setFrameShape(QFrame::StyledPanel);
    m_warning->setMargin(10);
    QPalette pal = m_warning->palette();
    pal.setColor(QPalette::WindowText, QColor(0xa3, 0x1b, 0x24));
    m_warning->setPalette(pal);
    m_confirmLabel = new QLabel(page);
    m_confirmLabel->setWordWrap(true);
    m_confirm = new QLineEdit(page);
    m_confirm->setObjectName(QStringLiteral("confirmName"));
    m_confirmLabel->setBuddy(m_confirm);
    connect(m_confirm, &QLineEdit::textChanged, this, &RestoreDialog::updateButtons);
    auto* l = new QVBoxLayout(page);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(m_summary);
    l->addSpacing(8);
    l->addWidget(m_warning);
    l->addWidget(m_confirmLabel);
    l->addWidget(m_confirm);
    l->addStretch(1);
    return page;
}

QWidget* RestoreDialog::buildProgressPage()
{
    auto* page = new QWidget(this);
    m_status = new JobStatusWidget(page);
    auto* l = new QVBoxLayout(page);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(m_status);
    l->addStretch(1);
    return page;
}

QWidget* RestoreDialog::buildResultPage()
{
    auto* page = new QWidget(this);
    m_resultIcon = new QLabel(page);
    m_result = new QLabel(page);
    m_result->setObjectName(QStringLiteral("restoreResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* row = new QHBoxLayout;
    row->addWidget(m_resultIcon, 0, Qt::AlignTop);
    row->addWidget(m_result, 1);
    auto* l = new QVBoxLayout(page);
    l->setContentsMargins(0, 0, 0, 0);
    l->addLayout(row);
    l->addStretch(1);
    return page;
}

void RestoreDialog::setSelection(const QStringList& paths, const QSet<QString>& folders)
{
    m_folders = folders;
    m_selection->clear();
    for (const QString& p : paths) {
        auto* item = new QListWidgetItem(QApplication::style()->standardIcon(
                                             folders.contains(p) ? QStyle::SP_DirIcon : QStyle::SP_FileIcon),
                                         p, m_selection);
        Q_UNUSED(item);
    }
    const bool has = !paths.isEmpty();
    m_whatSelection->setEnabled(has);
    m_selection->setEnabled(has);
    if (has)
        m_whatSelection->setChecked(true);
    updateButtons();
}

void RestoreDialog::setUsers(const QStringList& users)
{
    m_user->clear();
    m_user->addItems(users);
    m_whatUser->setEnabled(!users.isEmpty());
}

void RestoreDialog::selectWhat(RestoreRequest::What what)
{
    switch (what) {
    case RestoreRequest::What::File:
    case RestoreRequest::What::Folder:
    case RestoreRequest::What::Several:
        m_whatSelection->setChecked(true);
        break;
    case RestoreRequest::What::User:
        m_whatUser->setChecked(true);
        break;
    case RestoreRequest::What::Database:
        m_whatDatabase->setChecked(true);
        break;
    case RestoreRequest::What::Instance:
        m_whatInstance->setChecked(true);
        break;
    }
    updateButtons();
}

RestoreRequest RestoreDialog::request() const
{
    RestoreRequest r;
    r.instanceName = m_instanceName;
    r.snapshotId = m_snapshotId;
    r.snapshotTime = m_snapshotTime;
    if (m_whatSelection->isChecked()) {
        for (int i = 0; i < m_selection->count(); ++i)
            r.paths << m_selection->item(i)->text();
        if (r.paths.size() > 1)
            r.what = RestoreRequest::What::Several;
        else
            r.what = m_folders.contains(r.paths.value(0)) ? RestoreRequest::What::Folder
                                                          : RestoreRequest::What::File;
    } else if (m_whatUser->isChecked()) {
        r.what = RestoreRequest::What::User;
        r.user = m_user->currentText();
    } else if (m_whatDatabase->isChecked()) {
        r.what = RestoreRequest::What::Database;
    } else {
        r.what = RestoreRequest::What::Instance;
        r.instanceCopy = m_instanceCopy->isChecked();
        if (r.instanceCopy) {
            r.copyRoot = m_copyRoot->text().trimmed();
            r.copyData = m_copyData->text().trimmed();
            r.copyDatabase = m_copyDatabase->text().trimmed();
            r.newInstanceId = m_newInstanceId->isChecked();
        }
    }
    r.where = RestoreRequest::Where(std::max(0, m_whereGroup->checkedId()));
    if (r.where == RestoreRequest::Where::OtherHostFolder)
        r.targetPath = m_otherHostFolder->text().trimmed();
    else if (r.where == RestoreRequest::Where::LocalFolder)
        r.targetPath = m_localFolder->text().trimmed();
    r.conflict = RestoreRequest::Conflict(std::max(0, m_conflictGroup->checkedId()));
    return r;
}

int RestoreDialog::currentPage() const
{
    return m_pages->currentIndex();
}

bool RestoreDialog::needsTypedConfirmation() const
{
    return m_whatDatabase->isChecked() || (m_whatInstance->isChecked() && !instanceCopy());
}

bool RestoreDialog::instanceCopy() const
{
    return m_whatInstance->isChecked() && m_instanceCopy->isChecked();
}

void RestoreDialog::goTo(int page)
{
    m_pages->setCurrentIndex(page);
    switch (page) {
    case WhatPage:
        m_heading->setText(tr("What do you want to restore?"));
        break;
    case WherePage:
        m_heading->setText(tr("Where should it go?"));
        break;
    case ConflictPage:
        m_heading->setText(tr("Files that already exist"));
        break;
    case SummaryPage:
        m_heading->setText(tr("Ready to restore"));
        fillSummary();
        break;
    case ProgressPage:
        m_heading->setText(tr("Restoring…"));
        break;
    case ResultPage:
        break;
    }
    updateButtons();
}

void RestoreDialog::goNext()
{
    const int page = m_pages->currentIndex();
    int next = page + 1;
    if (page == WhatPage && (needsTypedConfirmation() || instanceCopy()))
        next = SummaryPage; // the database and the instance go back where they were, or into the copy's folders
    if (page == SummaryPage) {
        startRestore();
        return;
    }
    if (page == ResultPage) {
        accept();
        return;
    }
    m_history.append(page);
    goTo(next);
}

void RestoreDialog::goBack()
{
    if (!m_history.isEmpty())
        goTo(m_history.takeLast());
}

void RestoreDialog::updateButtons()
{
    const int page = m_pages->currentIndex();
    m_back->setVisible(page <= SummaryPage);
    m_back->setEnabled(!m_history.isEmpty());
    m_next->setText(page == SummaryPage ? tr("Restore") : page == ResultPage ? tr("Close") : tr("Next >"));
    bool ok = true;
    switch (page) {
    case WhatPage:
        ok = m_whatGroup->checkedButton() != nullptr &&
             (!m_whatUser->isChecked() || !m_user->currentText().isEmpty()) &&
             (!instanceCopy() || (m_copyRoot->text().trimmed().startsWith(QLatin1Char('/')) &&
                                  m_copyData->text().trimmed().startsWith(QLatin1Char('/'))));
        break;
    case WherePage:
        ok = (m_whereGroup->checkedId() == int(RestoreRequest::Where::Original)) ||
             (m_whereGroup->checkedId() == int(RestoreRequest::Where::OtherHostFolder) &&
              m_otherHostFolder->text().trimmed().startsWith(QLatin1Char('/'))) ||
             (m_whereGroup->checkedId() == int(RestoreRequest::Where::LocalFolder) &&
              !m_localFolder->text().trimmed().isEmpty());
        break;
    case SummaryPage:
        ok = !needsTypedConfirmation() || m_confirm->text().trimmed() == m_instanceName;
        ok = ok && m_starter != nullptr;
        break;
    case ProgressPage:
        ok = false;
        break;
    default:
        break;
    }
    m_next->setVisible(page != ProgressPage);
    m_next->setEnabled(ok);
    m_cancel->setVisible(page != ResultPage);
}

void RestoreDialog::fillSummary()
{
    const RestoreRequest r = request();
    QString what;
    switch (r.what) {
    case RestoreRequest::What::File:
        what = tr("the file <b>%1</b>").arg(r.paths.value(0).toHtmlEscaped());
        break;
    case RestoreRequest::What::Folder:
        what = tr("the folder <b>%1</b> and everything in it").arg(r.paths.value(0).toHtmlEscaped());
        break;
    case RestoreRequest::What::Several:
        what = tr("%n selected item(s)", nullptr, int(r.paths.size()));
        break;
    case RestoreRequest::What::User:
        what = tr("all files of user <b>%1</b>").arg(r.user.toHtmlEscaped());
        break;
    case RestoreRequest::What::Database:
        what = tr("the database of <b>%1</b>").arg(m_instanceName.toHtmlEscaped());
        break;
    case RestoreRequest::What::Instance:
        what = tr("the whole instance <b>%1</b>: files, database and configuration")
                   .arg(m_instanceName.toHtmlEscaped());
        break;
    }
    QString where;
    if (r.instanceCopy)
        where = tr("as a copy in <b>%1</b> (data <b>%2</b>) with its own database <b>%3</b>%4")
                    .arg(r.copyRoot.toHtmlEscaped(), r.copyData.toHtmlEscaped(),
                         r.copyDatabase.isEmpty() ? tr("named after the instance's with _rp%1").arg(m_snapshotId.left(8))
                                                  : r.copyDatabase.toHtmlEscaped(),
                         r.newInstanceId ? tr(" and a new instance id") : QString());
    else if (needsTypedConfirmation() || r.where == RestoreRequest::Where::Original)
        where = tr("back to its original place on the server");
    else if (r.where == RestoreRequest::Where::OtherHostFolder)
        where = tr("into <b>%1</b> on the server").arg(r.targetPath.toHtmlEscaped());
    else
        where = tr("into <b>%1</b> on this computer").arg(r.targetPath.toHtmlEscaped());
    // In a folder each item goes under its own name: the folder Photos becomes FOLDER/Photos.
    QString placement;
    if (!needsTypedConfirmation() && r.where != RestoreRequest::Where::Original) {
        QString name = r.what == RestoreRequest::What::User ? r.user : r.paths.value(0).section(QLatin1Char('/'), -1, -1);
        QString folder = r.targetPath;
        while (folder.endsWith(QLatin1Char('/')) && folder.size() > 1)
            folder.chop(1);
        placement = tr("Each item goes into that folder under its own name, e.g. <b>%1</b>.")
                        .arg((folder + QLatin1Char('/') + name).toHtmlEscaped());
        if (r.where == RestoreRequest::Where::LocalFolder)
            placement += QLatin1Char(' ') + tr("The restored files belong to you; setuid, setgid and sticky bits are not restored.");
    }
    QString conflict;
    if (r.instanceCopy)
        conflict = tr("%1 itself is not touched: its files, database and configuration stay as they are.").arg(m_instanceName.toHtmlEscaped());
    else if (!needsTypedConfirmation()) {
        switch (r.conflict) {
        case RestoreRequest::Conflict::Ask:
            conflict = tr("Files that are already the same are left alone. You will be asked about each file that "
                          "differs; nothing is written before you have answered.");
            break;
        case RestoreRequest::Conflict::Overwrite:
            conflict = tr("Files that are already the same are left alone. Files that differ are replaced with the "
                          "backed-up version; missing files are restored.");
            break;
        case RestoreRequest::Conflict::KeepBoth:
            conflict = tr("Files that are already the same are left alone. Next to each file that differs, the "
                          "backed-up version is restored with the date in its name; missing files are restored.");
            break;
        case RestoreRequest::Conflict::Skip:
            conflict = tr("Files that are already the same are left alone. Files that differ are kept as they are; "
                          "only missing files are restored.");
            break;
        }
    }
    m_summary->setText(tr("ncbackup will restore %1 from the Restoring Point of %2, %3.")
                           .arg(what, Format::dateTime(r.snapshotTime).toHtmlEscaped(), where) +
                       (placement.isEmpty() ? QString() : QStringLiteral("<br><br>") + placement) +
                       (conflict.isEmpty() ? QString() : QStringLiteral("<br><br>") + conflict));
    const bool danger = needsTypedConfirmation();
    m_warning->setVisible(danger);
    m_confirmLabel->setVisible(danger);
    m_confirm->setVisible(danger);
    if (danger) {
        m_warning->setText(
            tr("Nextcloud goes into maintenance mode while this runs. Everything that changed in "
               "%1 since %2 will be lost.")
                .arg(m_instanceName, Format::dateTime(r.snapshotTime)));
        m_confirmLabel->setText(
            tr("To confirm, type the name of the instance, <b>%1</b>:").arg(m_instanceName.toHtmlEscaped()));
        m_confirm->clear();
        m_confirm->setFocus();
    }
}

void RestoreDialog::startRestore()
{
    if (!m_starter)
        return;
    m_job = m_starter(request());
    if (!m_job)
        return;
    // A job the starter queued (a JobQueue owns it) starts when its repository is free; one nobody
    // owns is started here.
    const bool own = !m_job->parent();
    if (own)
        m_job->setParent(this);
    m_status->track(m_job);
    connect(m_job, &Job::finished, this, [this](const Status& s) {
        const int icon = s.ok() ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical;
        m_resultIcon->setPixmap(style()->standardIcon(QStyle::StandardPixmap(icon)).pixmap(48, 48));
        if (s.ok()) {
            m_heading->setText(tr("Restored"));
            // The application may say what exactly came back (files, where, whether files:scan ran).
            const QString text = m_job ? m_job->property("resultText").toString() : QString();
            m_result->setText(text.isEmpty() ? tr("Everything was restored.") : text);
        } else if (s.error().code == Error::Cancelled) {
            m_heading->setText(tr("Restore cancelled"));
            m_result->setText(tr("The restore was stopped. Files already restored stay in place."));
        } else {
            m_heading->setText(tr("Restore failed"));
            m_result->setText(s.error().message);
        }
        goTo(ResultPage);
    });
    goTo(ProgressPage);
    if (own)
        m_job->start();
}

} // namespace ncb::ui
