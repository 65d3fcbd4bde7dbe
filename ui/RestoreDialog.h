#pragma once
// RestoreDialog: restore step by step: what (a file, a folder, several items, one user's files, the
// database, the whole instance), where (its original place on the server, another folder there, or a
// folder on this computer), what to do with files that already exist, then a summary before anything
// is written, the progress and the result. Restoring the database or the whole instance replaces live
// data, so the summary asks to type the instance name first.

#include "RestoreRequest.h"
#include "util/Job.h"

#include <QDialog>
#include <QPointer>
#include <QSet>
#include <functional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace ncb::ui {

class JobStatusWidget;

class RestoreDialog : public QDialog
{
    Q_OBJECT
public:
    enum Page { WhatPage, WherePage, ConflictPage, SummaryPage, ProgressPage, ResultPage };
    using Starter = std::function<Job*(const RestoreRequest&)>;

    RestoreDialog(const QString& instanceName, const QString& snapshotId, const QDateTime& snapshotTime,
                  QWidget* parent = nullptr);

    // The items selected in the file view; `folders` says which of them are folders.
    void setSelection(const QStringList& paths, const QSet<QString>& folders = {});
    void setUsers(const QStringList& users);
    // Called with the request when the user confirms; returns the job to follow. A job without a parent
    // is owned and started by the dialog; one the starter queued (JobQueue) is only followed.
    void setStarter(Starter starter) { m_starter = std::move(starter); }

    RestoreRequest request() const;
    int currentPage() const;
    QPushButton* nextButton() const { return m_next; }
    QPushButton* backButton() const { return m_back; }
    QLineEdit* confirmEdit() const { return m_confirm; }
    void selectWhat(RestoreRequest::What what);

private:
    QWidget* buildWhatPage();
    QWidget* buildInstanceChoice(QWidget* parent);
    QWidget* buildWherePage();
    QWidget* buildConflictPage();
    QWidget* buildSummaryPage();
    QWidget* buildProgressPage();
    QWidget* buildResultPage();
    void goTo(int page);
    void goNext();
    void goBack();
    void updateButtons();
    void fillSummary();
    bool needsTypedConfirmation() const;
    bool instanceCopy() const;
    void startRestore();

    QString m_instanceName;
    QString m_snapshotId;
    QDateTime m_snapshotTime;
    QSet<QString> m_folders;
    Starter m_starter;
    QPointer<Job> m_job;
    QList<int> m_history;

    QStackedWidget* m_pages;
    QLabel* m_heading;
    QPushButton* m_back;
    QPushButton* m_next;
    QPushButton* m_cancel;

    QButtonGroup* m_whatGroup;
    QRadioButton* m_whatSelection;
    QRadioButton* m_whatUser;
    QRadioButton* m_whatDatabase;
    QRadioButton* m_whatInstance;
    QListWidget* m_selection;
    QComboBox* m_user;
    // The whole instance: in place, or as a copy beside it.
    QRadioButton* m_instanceInPlace;
    QRadioButton* m_instanceCopy;
    QWidget* m_instanceBox;
    QLineEdit* m_copyRoot;
    QLineEdit* m_copyData;
    QLineEdit* m_copyDatabase;
    QCheckBox* m_newInstanceId;

    QButtonGroup* m_whereGroup;
    QLineEdit* m_otherHostFolder;
    QLineEdit* m_localFolder;

    QButtonGroup* m_conflictGroup;

    QLabel* m_summary;
    QLabel* m_warning;
    QLabel* m_confirmLabel;
    QLineEdit* m_confirm;

    JobStatusWidget* m_status;
    QLabel* m_resultIcon;
    QLabel* m_result;
};

} // namespace ncb::ui
