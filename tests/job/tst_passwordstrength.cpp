// The strength meter in the wizard: guessable passwords rate weak, long random ones strong.
#include "util/PasswordStrength.h"

#include <QTest>

using ncb::PasswordStrength;

class TestPasswordStrength : public QObject
{
    Q_OBJECT
private slots:
    void levels_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("atMost");
        QTest::addColumn<int>("atLeast");
        QTest::newRow("empty") << QString() << int(PasswordStrength::VeryWeak)
                               << int(PasswordStrength::VeryWeak);
        QTest::newRow("digits run") << QStringLiteral("12345678") << int(PasswordStrength::VeryWeak) << 0;
        QTest::newRow("common word") << QStringLiteral("Password1") << int(PasswordStrength::Weak) << 0;
        QTest::newRow("repeat") << QStringLiteral("aaaaaaaaaaaaaaaa") << int(PasswordStrength::VeryWeak) << 0;
        QTest::newRow("random 16") << QStringLiteral("q7$Rk9!vZt2#mW4p") << int(PasswordStrength::VeryStrong)
                                   << int(PasswordStrength::VeryStrong);
        QTest::newRow("passphrase") << QStringLiteral("correct horse battery staple")
                                    << int(PasswordStrength::VeryStrong) << int(PasswordStrength::Strong);
    }
    void levels()
    {
        QFETCH(QString, password);
        QFETCH(int, atMost);
        QFETCH(int, atLeast);
        const int level = PasswordStrength::level(PasswordStrength::entropyBits(password));
        QVERIFY2(level <= atMost && level >= atLeast,
                 qPrintable(QStringLiteral("%1 rated %2 (%3 bits)")
                                .arg(password)
                                .arg(level)
                                .arg(PasswordStrength::entropyBits(password))));
    }
    void longerIsStronger()
    {
        QVERIFY(PasswordStrength::entropyBits(QStringLiteral("xk3m")) <
                PasswordStrength::entropyBits(QStringLiteral("xk3mq9zt")));
    }
};

QTEST_GUILESS_MAIN(TestPasswordStrength)
#include "tst_passwordstrength.moc"
