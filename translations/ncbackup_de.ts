<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Format</name>
    <message>
        <location filename="../ui/Format.cpp" line="+20"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+3"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s) %1 h</source>
        <translation>
            <numerusform>%n Tag %1 h</numerusform>
            <numerusform>%n Tage %1 h</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+7"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n Std.</numerusform>
            <numerusform>%n Std.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this machine</source>
        <translation>dieser Rechner</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+29"/>
        <source>Back up and restore Nextcloud instances as Restoring Points.</source>
        <translation>Nextcloud-Instanzen als Wiederherstellungspunkte sichern und wiederherstellen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the setup wizard for the Nextcloud server root ROOT on this computer.</source>
        <translation>Den Einrichtungsassistenten für das Nextcloud-Stammverzeichnis ROOT auf diesem Computer öffnen.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::AppController</name>
    <message>
        <location filename="../ui/AppController.cpp" line="+194"/>
        <source>Repository password</source>
        <translation>Repository-Passwort</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The key of the repository of %1 is not in the keychain. Enter the repository password:</source>
        <translation>Der Schlüssel des Repositorys von %1 ist nicht im Schlüsselbund. Geben Sie das Repository-Passwort ein:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No keychain is available on this desktop, so ncbackup does not store the password of the repository of %1 and asks for it once each time it starts. Enter the repository password:</source>
        <translation>Auf diesem Desktop ist kein Schlüsselbund verfügbar. ncbackup speichert das Passwort des Repositorys von %1 daher nicht und fragt bei jedem Start einmal danach. Geben Sie das Repository-Passwort ein:</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Checking %1 for an interrupted backup</source>
        <translation>%1 wird auf eine unterbrochene Sicherung geprüft</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: could not check for an interrupted backup: %2</source>
        <translation>%1: Prüfung auf eine unterbrochene Sicherung nicht möglich: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reading the Restoring Points of %1</source>
        <translation>Wiederherstellungspunkte von %1 werden gelesen</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+205"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-190"/>
        <source>%1: %2 failed: %3</source>
        <translation>%1: %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 incomplete: %3</source>
        <translation>%1: %2 unvollständig: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 done</source>
        <translation>%1: %2 erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 done, Restoring Point %3</source>
        <translation>%1: %2 erledigt, Wiederherstellungspunkt %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: a scheduled backup was missed (last Restoring Point %2).</source>
        <translation>%1: eine geplante Sicherung wurde verpasst (letzter Wiederherstellungspunkt %2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup of %1 is overdue</source>
        <translation>Sicherung von %1 ist überfällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last Restoring Point is from %1.</source>
        <translation>Der letzte Wiederherstellungspunkt ist vom %1.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Restoring Point of %1, %2 (%3)</source>
        <translation>Wiederherstellungspunkt von %1, %2 (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incremental</source>
        <translation>inkrementell</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Full backup of %1</source>
        <translation>Vollsicherung von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incremental backup of %1</source>
        <translation>Inkrementelle Sicherung von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled backup of %1</source>
        <translation>Geplante Sicherung von %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: Restoring Point %2 made (%3 new, Nextcloud in maintenance mode for %4).</source>
        <translation>%1: Wiederherstellungspunkt %2 erstellt (%3 neu, Nextcloud %4 im Wartungsmodus).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: warning: %2</source>
        <translation>%1: Warnung: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: not backed up: %2</source>
        <translation>%1: nicht gesichert: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup of %1 is incomplete</source>
        <translation>Die Sicherung von %1 ist unvollständig</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Restoring Point %1 lacks %n path(s) the server would not let ncbackup read. The Log tab names them.</source>
        <translation>
            <numerusform>Dem Wiederherstellungspunkt %1 fehlt %n Pfad, den der Server ncbackup nicht lesen ließ. Der Reiter Protokoll nennt ihn.</numerusform>
            <numerusform>Dem Wiederherstellungspunkt %1 fehlen %n Pfade, die der Server ncbackup nicht lesen ließ. Der Reiter Protokoll nennt sie.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: maintenance mode is off again; no Restoring Point was made.</source>
        <translation>%1: der Wartungsmodus ist wieder aus; es wurde kein Wiederherstellungspunkt erstellt.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 has no Restoring Point yet.</source>
        <translation>%1 hat noch keinen Wiederherstellungspunkt.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Reading the users of a Restoring Point of %1</source>
        <translation>Benutzer eines Wiederherstellungspunkts von %1 werden gelesen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>File exists</source>
        <translation>Datei existiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already exists and differs from the version in the Restoring Point.</source>
        <translation>%1 gibt es schon, und sie unterscheidet sich von der Version im Wiederherstellungspunkt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both</source>
        <translation>Beide behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore from %1</source>
        <translation>Wiederherstellung aus %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The database of %1 is back as it was at this Restoring Point, and Nextcloud is online again: the database had lost its tables, so Nextcloud could not start. What it held before is kept as safety copy %2.</source>
        <translation>Die Datenbank von %1 ist wieder so, wie sie zu diesem Wiederherstellungspunkt war, und Nextcloud ist wieder online: Die Datenbank hatte ihre Tabellen verloren, sodass Nextcloud nicht starten konnte. Was sie vorher enthielt, bleibt als Sicherheitskopie %2 erhalten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database of %1 is back as it was at this Restoring Point. Nextcloud was in maintenance mode meanwhile and is online again. The database as it was before is kept as safety copy %2.</source>
        <translation>Die Datenbank von %1 ist wieder so, wie sie zu diesem Wiederherstellungspunkt war. Nextcloud war währenddessen im Wartungsmodus und ist wieder online. Die vorherige Datenbank bleibt als Sicherheitskopie %2 erhalten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database of %1 is back as it was at this Restoring Point, and Nextcloud is online again. An interrupted restore had left it incomplete, so no safety copy was made this time; the one from before that restore is %2.</source>
        <translation>Die Datenbank von %1 ist wieder so, wie sie zu diesem Wiederherstellungspunkt war, und Nextcloud ist wieder online. Eine unterbrochene Wiederherstellung hatte sie unvollständig hinterlassen, daher wurde diesmal keine Sicherheitskopie angelegt; die von vor jener Wiederherstellung ist %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A copy of %1 is ready: %2 files (%3) in %4 and %5, with its own database %6 at %7 and the instance id %8. %1 itself was not touched. %9</source>
        <translation>Eine Kopie von %1 ist bereit: %2 Dateien (%3) in %4 und %5, mit eigener Datenbank %6 auf %7 und der Instanz-ID %8. %1 selbst wurde nicht verändert. %9</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Nextcloud has a new data fingerprint, so the desktop and phone apps sync again, and its file list was brought in line with the files on disk.</source>
        <translation>Nextcloud hat einen neuen Daten-Fingerabdruck, damit Desktop- und Handy-Apps neu synchronisieren, und seine Dateiliste wurde mit den Dateien auf der Festplatte abgeglichen.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 is back: %2 files (%3) in %4 and %5, and its database. occ files:scan ran on all files. %6</source>
        <translation>%1 ist wiederhergestellt: %2 Dateien (%3) in %4 und %5 sowie die Datenbank. occ files:scan lief über alle Dateien. %6</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%n file(s) (%1) restored into %2 on this computer.</source>
        <translation>
            <numerusform>%n Datei (%1) in %2 auf diesem Computer wiederhergestellt.</numerusform>
            <numerusform>%n Dateien (%1) in %2 auf diesem Computer wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) (%1) restored on %2 to their original place.</source>
        <translation>
            <numerusform>%n Datei (%1) auf %2 an ihrem ursprünglichen Ort wiederhergestellt.</numerusform>
            <numerusform>%n Dateien (%1) auf %2 an ihrem ursprünglichen Ort wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n file(s) (%1) restored on %2 into %3.</source>
        <translation>
            <numerusform>%n Datei (%1) auf %2 in %3 wiederhergestellt.</numerusform>
            <numerusform>%n Dateien (%1) auf %2 in %3 wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) already up to date, left alone.</source>
        <translation>
            <numerusform>%n Datei war schon aktuell und blieb unverändert.</numerusform>
            <numerusform>%n Dateien waren schon aktuell und blieben unverändert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) that differed replaced with the backed-up version.</source>
        <translation>
            <numerusform>%n abweichende Datei durch die gesicherte Version ersetzt.</numerusform>
            <numerusform>%n abweichende Dateien durch die gesicherte Version ersetzt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>occ files:scan ran on %1, so Nextcloud shows them now.</source>
        <translation>occ files:scan lief über %1, Nextcloud zeigt sie also jetzt an.</translation>
    </message>
    <message numerus="yes">
        <location line="-7"/>
        <source>%n file(s) restored next to the existing ones as &quot;name (restored DATE)&quot;.</source>
        <translation>
            <numerusform>%n Datei neben der vorhandenen als „Name (restored DATUM)“ wiederhergestellt.</numerusform>
            <numerusform>%n Dateien neben den vorhandenen als „Name (restored DATUM)“ wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) that differ kept as they are (skipped).</source>
        <translation>
            <numerusform>%n abweichende Datei blieb, wie sie ist (übersprungen).</numerusform>
            <numerusform>%n abweichende Dateien blieben, wie sie sind (übersprungen).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n item(s) of the Restoring Point could not be restored safely and were left out:</source>
        <translation>
            <numerusform>%n Eintrag des Wiederherstellungspunkts ließ sich nicht sicher wiederherstellen und wurde ausgelassen:</numerusform>
            <numerusform>%n Einträge des Wiederherstellungspunkts ließen sich nicht sicher wiederherstellen und wurden ausgelassen:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Check of the repository of %1</source>
        <translation>Prüfung des Repositorys von %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The repository is healthy: %1 Restoring Points and %2 packs checked.</source>
        <translation>Das Repository ist in Ordnung: %1 Wiederherstellungspunkte und %2 Pakete geprüft.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restoring Point %1: %2</source>
        <translation>Wiederherstellungspunkt %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The repository is damaged:</source>
        <translation>Das Repository ist beschädigt:</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The repository is damaged (%n problem(s)).</source>
        <translation>
            <numerusform>Das Repository ist beschädigt (%n Problem).</numerusform>
            <numerusform>Das Repository ist beschädigt (%n Probleme).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: settings saved.</source>
        <translation>%1: Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Password change of the repository of %1</source>
        <translation>Passwortänderung des Repositorys von %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The current password is wrong, so the password was not changed.</source>
        <translation>Das aktuelle Passwort ist falsch, daher wurde das Passwort nicht geändert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No keychain is available on this desktop, so ncbackup asks for the new password when it needs it.</source>
        <translation>Auf diesem Desktop ist kein Schlüsselbund verfügbar, daher fragt ncbackup nach dem neuen Passwort, wenn es gebraucht wird.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key could not be stored in the keychain (%1), so ncbackup asks for the new password when it needs it.</source>
        <translation>Der Schlüssel konnte nicht im Schlüsselbund gespeichert werden (%1), daher fragt ncbackup nach dem neuen Passwort, wenn es gebraucht wird.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The repository key stays in the system keychain, so scheduled backups keep running.</source>
        <translation>Der Repository-Schlüssel bleibt im Schlüsselbund des Systems, geplante Sicherungen laufen also weiter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The password is changed: from now on only the new password (or the recovery key) opens the repository.</source>
        <translation>Das Passwort ist geändert: Ab jetzt öffnet nur noch das neue Passwort (oder der Wiederherstellungsschlüssel) das Repository.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1: added.</source>
        <translation>%1: hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="+25"/>
        <source>Change the repository password — %1</source>
        <translation>Repository-Passwort ändern — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The repository of %1 gets a new password. Its data is not re-encrypted, the recovery key stays valid, and the old password no longer opens it.</source>
        <translation>Das Repository von %1 erhält ein neues Passwort. Seine Daten werden nicht neu verschlüsselt, der Wiederherstellungsschlüssel bleibt gültig, und das alte Passwort öffnet es nicht mehr.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Current password:</source>
        <translation>Aktuelles Passwort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password:</source>
        <translation>Neues Passwort:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat new password:</source>
        <translation>Neues Passwort wiederholen:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Very weak — easy to guess</source>
        <translation>Sehr schwach — leicht zu erraten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter unterscheiden sich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new password is the current one.</source>
        <translation>Das neue Passwort ist das aktuelle.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Changing the password…</source>
        <translation>Das Passwort wird geändert …</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ncb::ui::ConnectPage</name>
    <message>
        <location filename="../ui/wizard/ConnectPage.cpp" line="+16"/>
        <source>Connect to the server</source>
        <translation>Mit dem Server verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make sure you are talking to your server and not to an impostor.</source>
        <translation>Stellen Sie sicher, dass Sie mit Ihrem Server sprechen und nicht mit einem Betrüger.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Compare it with the output of &lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/tt&gt; run on the server itself, or ask its administrator.</source>
        <translation>Vergleichen Sie ihn mit der Ausgabe von &lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/tt&gt; auf dem Server selbst oder fragen Sie dessen Administrator.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>I checked this fingerprint and trust this server</source>
        <translation>Ich habe diesen Fingerabdruck geprüft und vertraue diesem Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Connecting to %1@%2, port %3…</source>
        <translation>Verbindung zu %1@%2, Port %3 …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Could not connect.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Verbindung fehlgeschlagen.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server answered with the key you already trust (%1):</source>
        <translation>Der Server hat sich mit dem Schlüssel gemeldet, dem Sie bereits vertrauen (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server presented this %1 host key, which this computer has never seen:</source>
        <translation>Der Server zeigt diesen %1-Hostschlüssel, den dieser Computer noch nie gesehen hat:</translation>
    </message>
</context>
<context>
    <name>ncb::ui::CoreOps</name>
    <message>
        <location filename="../ui/CoreOps.cpp" line="+28"/>
        <source>The repository %1 needs its password.</source>
        <translation>Das Repository %1 braucht sein Passwort.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Incomplete: %n path(s) on the server could not be read: %1</source>
        <translation>
            <numerusform>Unvollständig: %n Pfad auf dem Server konnte nicht gelesen werden: %1</numerusform>
            <numerusform>Unvollständig: %n Pfade auf dem Server konnten nicht gelesen werden: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not reach %1: %2</source>
        <translation>%1 nicht erreichbar: %2</translation>
    </message>
</context>
<context>
    <name>ncb::ui::CoreWizardBackend</name>
    <message>
        <location filename="../ui/CoreWizardBackend.cpp" line="+69"/>
        <source>Connecting to the server</source>
        <translation>Verbindung zum Server</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the name or address of the server.</source>
        <translation>Geben Sie den Namen oder die Adresse des Servers ein.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Looking at the Nextcloud instance</source>
        <translation>Nextcloud-Instanz wird untersucht</translation>
    </message>
    <message>
        <source>No Nextcloud was found in the usual folders on %1: enter the folder that holds occ and config/.</source>
        <translation type="vanished">In den üblichen Ordnern auf %1 wurde keine Nextcloud gefunden: Geben Sie den Ordner an, der occ und config/ enthält.</translation>
    </message>
    <message>
        <source>The Nextcloud folder must be a full path starting with /, not &quot;%1&quot;.</source>
        <translation type="vanished">Der Nextcloud-Ordner muss ein vollständiger Pfad sein, der mit / beginnt, nicht „%1“.</translation>
    </message>
    <message>
        <source>The Nextcloud at %1 is not installed yet: finish its installation first.</source>
        <translation type="vanished">Die Nextcloud in %1 ist noch nicht installiert: Schließen Sie zuerst die Installation ab.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Its files belong to %1 (the owner of config.php), so ncbackup will run its commands there as %1.</source>
        <translation>Seine Dateien gehören %1 (dem Eigentümer von config.php), daher führt ncbackup seine Befehle dort als %1 aus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nextcloud is in maintenance mode right now; ncbackup will leave it on.</source>
        <translation>Nextcloud ist gerade im Wartungsmodus; ncbackup lässt ihn eingeschaltet.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n external storage(s) are mounted in this instance; their files are not backed up.</source>
        <translation>
            <numerusform>%n externer Speicher ist in dieser Instanz eingebunden; seine Dateien werden nicht gesichert.</numerusform>
            <numerusform>%n externe Speicher sind in dieser Instanz eingebunden; ihre Dateien werden nicht gesichert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Creating the repository</source>
        <translation>Repository wird angelegt</translation>
    </message>
    <message>
        <source>The repository must be a folder on this computer (or a mounted disk).</source>
        <translation type="vanished">Das Repository muss ein Ordner auf diesem Computer (oder einem eingehängten Laufwerk) sein.</translation>
    </message>
    <message>
        <source>%1 already holds a repository: choose an empty folder.</source>
        <translation type="vanished">%1 enthält bereits ein Repository: Wählen Sie einen leeren Ordner.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The key could not be stored in the keychain (%1): ncbackup will ask for the repository password each time it starts.</source>
        <translation>Der Schlüssel konnte nicht im Schlüsselbund gespeichert werden (%1): ncbackup fragt bei jedem Start nach dem Repository-Passwort.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No keychain is available on this desktop, so the password is not stored: ncbackup will ask for it each time it starts.</source>
        <translation>Auf diesem Desktop ist kein Schlüsselbund verfügbar, daher wird das Passwort nicht gespeichert: ncbackup fragt bei jedem Start danach.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>First full backup</source>
        <translation>Erste Vollsicherung</translation>
    </message>
    <message>
        <source>There is already an instance named %1.</source>
        <translation type="vanished">Es gibt bereits eine Instanz namens %1.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::DiscoveryPage</name>
    <message>
        <location filename="../ui/wizard/DiscoveryPage.cpp" line="+17"/>
        <source>What ncbackup found</source>
        <translation>Was ncbackup gefunden hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that this is the instance you want to back up.</source>
        <translation>Prüfen Sie, ob dies die Instanz ist, die Sie sichern möchten.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Instance:</source>
        <translation>Instanz:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nextcloud version:</source>
        <translation>Nextcloud-Version:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server folder:</source>
        <translation>Serverordner:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data size:</source>
        <translation>Datenmenge:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Looking at %1…</source>
        <translation>%1 wird untersucht …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for Nextcloud on %1…</source>
        <translation>Nextcloud wird auf %1 gesucht …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;No Nextcloud instance could be read there.&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Dort konnte keine Nextcloud-Instanz gelesen werden.&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nextcloud was found.</source>
        <translation>Nextcloud wurde gefunden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Worth knowing:&lt;/b&gt;&lt;ul&gt;%1&lt;/ul&gt;</source>
        <translation>&lt;b&gt;Gut zu wissen:&lt;/b&gt;&lt;ul&gt;%1&lt;/ul&gt;</translation>
    </message>
</context>
<context>
    <name>ncb::ui::FirstBackupPage</name>
    <message>
        <location filename="../ui/wizard/FirstBackupPage.cpp" line="+18"/>
        <source>First full backup</source>
        <translation>Erste Vollsicherung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This one copies everything and takes the longest. You can close the wizard when it is done.</source>
        <translation>Sie kopiert alles und dauert am längsten. Sie können den Assistenten schließen, sobald sie fertig ist.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Backing up %1 to %2.</source>
        <translation>%1 wird nach %2 gesichert.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nextcloud was in maintenance mode for %1.</source>
        <translation>Nextcloud war %1 lang im Wartungsmodus.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;The first backup did not complete.&lt;/b&gt; Nothing on the server was changed.</source>
        <translation>&lt;b&gt;Die erste Sicherung wurde nicht abgeschlossen.&lt;/b&gt; Auf dem Server wurde nichts verändert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your first Restoring Point is ready. Next backups run on their own.</source>
        <translation>Ihr erster Wiederherstellungspunkt ist fertig. Die nächsten Sicherungen laufen von selbst.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Nextcloud has been in maintenance mode for %1; users see a maintenance notice.</source>
        <translation>Nextcloud ist seit %1 im Wartungsmodus; Benutzer sehen einen Wartungshinweis.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::HostPage</name>
    <message>
        <location filename="../ui/wizard/HostPage.cpp" line="+24"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Where does Nextcloud run?</source>
        <translation>Wo läuft Nextcloud?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ncbackup reads the files, the database and the configuration of the instance from there.</source>
        <translation>ncbackup liest von dort die Dateien, die Datenbank und die Konfiguration der Instanz.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On another computer, over SSH</source>
        <translation>Auf einem anderen Computer, über SSH</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+34"/>
        <source>Nextcloud folder:</source>
        <translation>Nextcloud-Ordner:</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Nextcloud folder</source>
        <translation>Nextcloud-Ordner</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key:</source>
        <translation>Privater Schlüssel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>found automatically</source>
        <translation>wird automatisch gefunden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. www-data (leave empty to run as the login user)</source>
        <translation>z. B. www-data (leer lassen, um als Anmeldebenutzer auszuführen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nextcloud&apos;s files usually belong to the web server&apos;s user. ncbackup then runs occ, tar, find and the database dump through &quot;sudo -n -u USER&quot;, which needs a NOPASSWD sudo rule for the login user.</source>
        <translation>Die Dateien von Nextcloud gehören meist dem Benutzer des Webservers. ncbackup führt occ, tar, find und den Datenbank-Dump dann über „sudo -n -u BENUTZER“ aus; dafür braucht der Anmeldebenutzer eine NOPASSWD-Regel für sudo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run commands as:</source>
        <translation>Befehle ausführen als:</translation>
    </message>
</context>
<context>
    <name>ncb::ui::InstanceDelegate</name>
    <message>
        <location filename="../ui/InstanceDelegate.cpp" line="+35"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no backup yet</source>
        <translation>noch keine Sicherung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nextcloud version unknown</source>
        <translation>Nextcloud-Version unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nextcloud %1</source>
        <translation>Nextcloud %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last: %1 (%2)</source>
        <translation>Zuletzt: %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last: %1</source>
        <translation>Zuletzt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next: %1</source>
        <translation>Nächste: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next: not scheduled</source>
        <translation>Nächste: nicht geplant</translation>
    </message>
</context>
<context>
    <name>ncb::ui::InstanceListModel</name>
    <message>
        <location filename="../ui/InstanceListModel.cpp" line="+54"/>
        <source>%1 on %2, Nextcloud %3. Last Restoring Point: %4. Next backup: %5.</source>
        <translation>%1 auf %2, Nextcloud %3. Letzter Wiederherstellungspunkt: %4. Nächste Sicherung: %5.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::JobStatusWidget</name>
    <message>
        <location filename="../ui/JobStatusWidget.cpp" line="+46"/>
        <source>Cancelling %1…</source>
        <translation>%1 wird abgebrochen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scanning files</source>
        <translation>Dateien werden durchsucht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving files</source>
        <translation>Dateien werden gesichert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nextcloud in maintenance mode</source>
        <translation>Nextcloud im Wartungsmodus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving the database</source>
        <translation>Datenbank wird gesichert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving changes since the last backup</source>
        <translation>Änderungen seit der letzten Sicherung werden gesichert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sealing the Restoring Point</source>
        <translation>Wiederherstellungspunkt wird versiegelt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restoring files</source>
        <translation>Dateien werden wiederhergestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking the repository</source>
        <translation>Repository wird geprüft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nextcloud is rescanning the files</source>
        <translation>Nextcloud liest die Dateien neu ein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting</source>
        <translation>Verbindung wird hergestellt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 of %2 files</source>
        <translation>%1 von %2 Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 files</source>
        <translation>%1 Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: failed</source>
        <translation>%1: fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ncb::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+106"/>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>ncbackup — Nextcloud backups</source>
        <translation>ncbackup — Nextcloud-Sicherungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add instance</source>
        <translation>Instanz hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a Nextcloud instance to back up</source>
        <translation>Eine zu sichernde Nextcloud-Instanz hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make a Restoring Point of the selected instance now (Ctrl+B)</source>
        <translation>Jetzt einen Wiederherstellungspunkt der gewählten Instanz anlegen (Strg+B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incremental backup (changes only)</source>
        <translation>Inkrementelle Sicherung (nur Änderungen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full backup</source>
        <translation>Vollsicherung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>Wiederherstellen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring back files, a user, the database or the whole instance</source>
        <translation>Dateien, einen Benutzer, die Datenbank oder die ganze Instanz zurückholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check repository</source>
        <translation>Repository prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify that every Restoring Point can be read back</source>
        <translation>Prüfen, ob jeder Wiederherstellungspunkt gelesen werden kann</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Nextcloud instances</source>
        <translation>Nextcloud-Instanzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages of backups, restores and checks appear here.</source>
        <translation>Meldungen von Sicherungen, Wiederherstellungen und Prüfungen erscheinen hier.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: started</source>
        <translation>%1: gestartet</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RecoveryKeyPage</name>
    <message>
        <location filename="../ui/wizard/RecoveryKeyPage.cpp" line="+23"/>
        <source>Your recovery key</source>
        <translation>Ihr Wiederherstellungsschlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If the password is ever lost, this key is the only way to open the backups. It is shown only now.</source>
        <translation>Geht das Passwort verloren, öffnet nur dieser Schlüssel die Sicherungen. Er wird nur jetzt angezeigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to a file…</source>
        <translation>In Datei speichern …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I saved the recovery key in a safe place (a password manager or on paper)</source>
        <translation>Ich habe den Wiederherstellungsschlüssel sicher aufbewahrt (Passwortmanager oder Papier)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+7"/>
        <source>Save the recovery key</source>
        <translation>Wiederherstellungsschlüssel speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Creating the encrypted repository in %1…</source>
        <translation>Verschlüsseltes Repository wird in %1 angelegt …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;The repository could not be created.&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Das Repository konnte nicht angelegt werden.&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The repository is ready. Write this key down or store it in a password manager:</source>
        <translation>Das Repository ist bereit. Notieren Sie diesen Schlüssel oder speichern Sie ihn in einem Passwortmanager:</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RepositoryPage</name>
    <message>
        <location filename="../ui/wizard/RepositoryPage.cpp" line="+23"/>
        <source>Where should the backups go?</source>
        <translation>Wohin sollen die Sicherungen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything is encrypted with your password before it leaves this computer. Use another disk or another machine than the server.</source>
        <translation>Alles wird mit Ihrem Passwort verschlüsselt, bevor es diesen Computer verlässt. Verwenden Sie eine andere Festplatte oder einen anderen Rechner als den Server.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How ncbackup names this instance: letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Wie ncbackup diese Instanz nennt: Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>/media/backup/nextcloud or sftp://user@host/path</source>
        <translation>/media/backup/nextcloud oder sftp://benutzer@host/pfad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repository folder</source>
        <translation>Repository-Ordner</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The password is kept in your system keychain so scheduled backups can run; it is never written to a file.</source>
        <translation>Das Passwort wird im Schlüsselbund des Systems aufbewahrt, damit geplante Sicherungen laufen können; es wird nie in eine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Instance name:</source>
        <translation>Name der Instanz:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat password:</source>
        <translation>Passwort wiederholen:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Use only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>Nur Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos; verwenden (höchstens 64).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Very weak — easy to guess</source>
        <translation>Sehr schwach — leicht zu erraten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weak — add words or characters</source>
        <translation>Schwach — fügen Sie Wörter oder Zeichen hinzu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fair</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Strong</source>
        <translation>Stark</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Very strong</source>
        <translation>Sehr stark</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a long password: four or more unrelated words work well.</source>
        <translation>Wählen Sie ein langes Passwort: vier oder mehr unzusammenhängende Wörter eignen sich gut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter unterscheiden sich.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RestoreDialog</name>
    <message>
        <location filename="../ui/RestoreDialog.cpp" line="+40"/>
        <source>Restore from %1</source>
        <translation>Wiederherstellen vom %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restoring Point of %1, made %2</source>
        <translation>Wiederherstellungspunkt von %1, angelegt am %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt; Back</source>
        <translation>&lt; Zurück</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The selected files and folders</source>
        <translation>Die ausgewählten Dateien und Ordner</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All files of one user:</source>
        <translation>Alle Dateien eines Benutzers:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database</source>
        <translation>Die Datenbank</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The whole instance: files, database and configuration</source>
        <translation>Die ganze Instanz: Dateien, Datenbank und Konfiguration</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Replaces the current database: shares, comments, calendars and contacts go back to how they were at that time.</source>
        <translation>Ersetzt die aktuelle Datenbank: Freigaben, Kommentare, Kalender und Kontakte kehren zu ihrem damaligen Stand zurück.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>In its place</source>
        <translation>An ihrem Platz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As a copy beside it, in new folders and its own database</source>
        <translation>Als Kopie daneben, in neuen Ordnern und mit eigener Datenbank</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>/srv/nextcloud-copy/root</source>
        <translation>/srv/nextcloud-kopie/root</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>/srv/nextcloud-copy/data</source>
        <translation>/srv/nextcloud-kopie/data</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default: the instance&apos;s database name with _rp%1</source>
        <translation>Standard: der Datenbankname der Instanz mit _rp%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the copy a new instance id</source>
        <translation>Der Kopie eine neue Instanz-ID geben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server root:</source>
        <translation>Server-Wurzel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For a server that was lost or broken. Everything changed since then is replaced.</source>
        <translation>Für einen verlorenen oder defekten Server. Alles, was sich seitdem geändert hat, wird ersetzt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The instance itself is not touched. A copy that keeps the instance id is a stand-in for disaster recovery; give it a new one to run it next to the instance.</source>
        <translation>Die Instanz selbst wird nicht verändert. Eine Kopie mit derselben Instanz-ID ist ein Ersatz für den Notfall; geben Sie ihr eine neue, um sie neben der Instanz zu betreiben.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Back to their original place on the server</source>
        <translation>An ihren ursprünglichen Ort auf dem Server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Into another folder on the server:</source>
        <translation>In einen anderen Ordner auf dem Server:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>/data/alice/files/Restored</source>
        <translation>/data/alice/files/Wiederhergestellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into a folder on this computer:</source>
        <translation>In einen Ordner auf diesem Computer:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore into</source>
        <translation>Wiederherstellen nach</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nextcloud rescans the restored files so users see them at once.</source>
        <translation>Nextcloud liest die wiederhergestellten Dateien neu ein, damit Benutzer sie sofort sehen.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Ask me for each file</source>
        <translation>Bei jeder Datei nachfragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both</source>
        <translation>Beide behalten</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Files that are already the same as the backed-up version are always left alone. When a file exists but differs from it:</source>
        <translation>Dateien, die der gesicherten Version schon gleichen, bleiben immer unverändert. Wenn eine Datei existiert, aber davon abweicht:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The backed-up version is restored next to it, with today&apos;s date added to its name.</source>
        <translation>Die gesicherte Version wird daneben wiederhergestellt, mit dem heutigen Datum im Namen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace it with the backed-up version</source>
        <translation>Durch die gesicherte Version ersetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The current version is lost unless an older Restoring Point holds it.</source>
        <translation>Die aktuelle Version geht verloren, wenn kein älterer Wiederherstellungspunkt sie enthält.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the current file and skip it</source>
        <translation>Aktuelle Datei behalten und überspringen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backed-up version of that file is not restored.</source>
        <translation>Die gesicherte Version dieser Datei wird nicht wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>What do you want to restore?</source>
        <translation>Was möchten Sie wiederherstellen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where should it go?</source>
        <translation>Wohin soll es?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files that already exist</source>
        <translation>Bereits vorhandene Dateien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ready to restore</source>
        <translation>Bereit zur Wiederherstellung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restoring…</source>
        <translation>Wird wiederhergestellt …</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next &gt;</source>
        <translation>Weiter &gt;</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>the file &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>die Datei &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the folder &lt;b&gt;%1&lt;/b&gt; and everything in it</source>
        <translation>den Ordner &lt;b&gt;%1&lt;/b&gt; mit seinem ganzen Inhalt</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n selected item(s)</source>
        <translation>
            <numerusform>%n ausgewähltes Element</numerusform>
            <numerusform>%n ausgewählte Elemente</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all files of user &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>alle Dateien des Benutzers &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the database of &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>die Datenbank von &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the whole instance &lt;b&gt;%1&lt;/b&gt;: files, database and configuration</source>
        <translation>die ganze Instanz &lt;b&gt;%1&lt;/b&gt;: Dateien, Datenbank und Konfiguration</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>as a copy in &lt;b&gt;%1&lt;/b&gt; (data &lt;b&gt;%2&lt;/b&gt;) with its own database &lt;b&gt;%3&lt;/b&gt;%4</source>
        <translation>als Kopie in &lt;b&gt;%1&lt;/b&gt; (Daten &lt;b&gt;%2&lt;/b&gt;) mit eigener Datenbank &lt;b&gt;%3&lt;/b&gt;%4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>named after the instance&apos;s with _rp%1</source>
        <translation>benannt nach der der Instanz mit _rp%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> and a new instance id</source>
        <translation> und einer neuen Instanz-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>back to its original place on the server</source>
        <translation>an den ursprünglichen Ort auf dem Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>into &lt;b&gt;%1&lt;/b&gt; on the server</source>
        <translation>nach &lt;b&gt;%1&lt;/b&gt; auf dem Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>into &lt;b&gt;%1&lt;/b&gt; on this computer</source>
        <translation>nach &lt;b&gt;%1&lt;/b&gt; auf diesem Computer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each item goes into that folder under its own name, e.g. &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Jedes Element kommt unter seinem eigenen Namen in diesen Ordner, z. B. &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 itself is not touched: its files, database and configuration stay as they are.</source>
        <translation>%1 selbst wird nicht verändert: Dateien, Datenbank und Konfiguration bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>You will be asked about each file that already exists.</source>
        <translation type="vanished">Bei jeder bereits vorhandenen Datei werden Sie gefragt.</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The restored files belong to you; setuid, setgid and sticky bits are not restored.</source>
        <translation>Die wiederhergestellten Dateien gehören Ihnen; Setuid-, Setgid- und Sticky-Bits werden nicht wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Files that are already the same are left alone. You will be asked about each file that differs; nothing is written before you have answered.</source>
        <translation>Dateien, die schon gleich sind, bleiben unverändert. Zu jeder abweichenden Datei werden Sie gefragt; vor Ihrer Antwort wird nichts geschrieben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files that are already the same are left alone. Files that differ are replaced with the backed-up version; missing files are restored.</source>
        <translation>Dateien, die schon gleich sind, bleiben unverändert. Abweichende Dateien werden durch die gesicherte Version ersetzt; fehlende Dateien werden wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files that are already the same are left alone. Next to each file that differs, the backed-up version is restored with the date in its name; missing files are restored.</source>
        <translation>Dateien, die schon gleich sind, bleiben unverändert. Neben jeder abweichenden Datei wird die gesicherte Version mit dem Datum im Namen wiederhergestellt; fehlende Dateien werden wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files that are already the same are left alone. Files that differ are kept as they are; only missing files are restored.</source>
        <translation>Dateien, die schon gleich sind, bleiben unverändert. Abweichende Dateien bleiben, wie sie sind; nur fehlende Dateien werden wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ncbackup will restore %1 from the Restoring Point of %2, %3.</source>
        <translation>ncbackup stellt %1 aus dem Wiederherstellungspunkt vom %2 wieder her, %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nextcloud goes into maintenance mode while this runs. Everything that changed in %1 since %2 will be lost.</source>
        <translation>Nextcloud ist währenddessen im Wartungsmodus. Alles, was sich in %1 seit %2 geändert hat, geht verloren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To confirm, type the name of the instance, &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation>Geben Sie zur Bestätigung den Namen der Instanz ein, &lt;b&gt;%1&lt;/b&gt;:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everything was restored.</source>
        <translation>Alles wurde wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore cancelled</source>
        <translation>Wiederherstellung abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The restore was stopped. Files already restored stay in place.</source>
        <translation>Die Wiederherstellung wurde angehalten. Bereits wiederhergestellte Dateien bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore failed</source>
        <translation>Wiederherstellung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RpFileModel</name>
    <message>
        <location filename="../ui/RpFileModel.cpp" line="+235"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RpFileTreeView</name>
    <message>
        <location filename="../ui/RpFileTreeView.cpp" line="+82"/>
        <source>Could not list %1: %2</source>
        <translation>%1 konnte nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter by name…</source>
        <translation>Nach Namen filtern …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter files by name</source>
        <translation>Dateien nach Namen filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files in the Restoring Point</source>
        <translation>Dateien im Wiederherstellungspunkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a Restoring Point on the timeline to see its files.</source>
        <translation>Wählen Sie auf der Zeitleiste einen Wiederherstellungspunkt, um seine Dateien zu sehen.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restoring Point %1</source>
        <translation>Wiederherstellungspunkt %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Showing folders and the files whose name contains “%1”.</source>
        <translation>Angezeigt werden Ordner und Dateien, deren Name „%1“ enthält.</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>Restore %n items…</source>
        <translation>
            <numerusform>%n Element wiederherstellen …</numerusform>
            <numerusform>%n Elemente wiederherstellen …</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>Wiederherstellen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show versions</source>
        <translation>Versionen anzeigen</translation>
    </message>
</context>
<context>
    <name>ncb::ui::SchedulePage</name>
    <message>
        <location filename="../ui/wizard/SchedulePage.cpp" line="+17"/>
        <source>When should backups run?</source>
        <translation>Wann sollen Sicherungen laufen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A full backup now and then, small incremental ones in between. These defaults suit most instances.</source>
        <translation>Ab und zu eine Vollsicherung, dazwischen kleine inkrementelle. Diese Vorgaben passen für die meisten Instanzen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> weeks</source>
        <translation> Wochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every day, saving only what changed</source>
        <translation>Täglich, nur Geändertes sichern</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>between</source>
        <translation>zwischen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Full backup every:</source>
        <translation>Vollsicherung alle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incremental backup:</source>
        <translation>Inkrementelle Sicherung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start backups:</source>
        <translation>Sicherungen starten:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nextcloud is put in maintenance mode for a short moment at the start of each backup, so users may see a notice if they are online between %1:00 and %2:00.</source>
        <translation>Nextcloud wird zu Beginn jeder Sicherung kurz in den Wartungsmodus versetzt; wer zwischen %1:00 und %2:00 Uhr online ist, sieht eventuell einen Hinweis.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The window must end after it starts.</source>
        <translation>Das Zeitfenster muss nach seinem Beginn enden.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="+34"/>
        <source>Settings — %1</source>
        <translation>Einstellungen — %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclusions</source>
        <translation>Ausschlüsse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Where:</source>
        <translation>Wo:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Over SSH</source>
        <translation>Über SSH</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nextcloud folder:</source>
        <translation>Nextcloud-Ordner:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key:</source>
        <translation>Privater Schlüssel:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changing the host asks you to check its key fingerprint again at the next connection.</source>
        <translation>Nach einer Änderung des Hosts müssen Sie seinen Schlüssel-Fingerabdruck bei der nächsten Verbindung erneut prüfen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change password…</source>
        <translation>Passwort ändern …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Location:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To move the repository, copy its folder and add the instance again from the new place.</source>
        <translation>Um das Repository zu verschieben, kopieren Sie seinen Ordner und fügen Sie die Instanz vom neuen Ort aus erneut hinzu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password is kept in the system keychain; the recovery key stays valid when it changes.</source>
        <translation>Das Passwort liegt im Schlüsselbund des Systems; der Wiederherstellungsschlüssel bleibt bei einer Änderung gültig.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> weeks</source>
        <translation> Wochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every day, saving only what changed</source>
        <translation>Täglich, nur Geändertes sichern</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>between</source>
        <translation>zwischen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Full backup every:</source>
        <translation>Vollsicherung alle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incremental backup:</source>
        <translation>Inkrementelle Sicherung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start backups:</source>
        <translation>Sicherungen starten:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Thumbnails and previews (Nextcloud makes them again)</source>
        <translation>Miniaturen und Vorschauen (Nextcloud erzeugt sie neu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Nextcloud log file (nextcloud.log)</source>
        <translation>Die Nextcloud-Protokolldatei (nextcloud.log)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted files (trash bin)</source>
        <translation>Gelöschte Dateien (Papierkorb)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Older versions of files</source>
        <translation>Ältere Dateiversionen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One pattern per line, relative to the data folder, e.g. */files/Movies/*</source>
        <translation>Ein Muster pro Zeile, relativ zum Datenordner, z. B. */files/Filme/*</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out of backups:</source>
        <translation>Von Sicherungen ausnehmen:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Other patterns:</source>
        <translation>Weitere Muster:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show an icon in the system tray and keep running when the window is closed</source>
        <translation>Symbol im Systembereich zeigen und nach dem Schließen des Fensters weiterlaufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify me when a backup fails or a scheduled backup was missed</source>
        <translation>Benachrichtigen, wenn eine Sicherung fehlschlägt oder eine geplante Sicherung versäumt wurde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language applies the next time ncbackup starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von ncbackup.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::SetupWizard</name>
    <message>
        <location filename="../ui/wizard/SetupWizard.cpp" line="+16"/>
        <source>Add a Nextcloud instance</source>
        <translation>Nextcloud-Instanz hinzufügen</translation>
    </message>
</context>
<context>
    <name>ncb::ui::TimelineWidget</name>
    <message>
        <location filename="../ui/TimelineWidget.cpp" line="+135"/>
        <source>Restoring Points timeline</source>
        <translation>Zeitleiste der Wiederherstellungspunkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Previous period</source>
        <translation>Vorheriger Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Next period</source>
        <translation>Nächster Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show one day (Ctrl+wheel to zoom)</source>
        <translation>Einen Tag zeigen (Strg+Mausrad zum Zoomen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show one month (Ctrl+wheel to zoom)</source>
        <translation>Einen Monat zeigen (Strg+Mausrad zum Zoomen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show one year (Ctrl+wheel to zoom)</source>
        <translation>Ein Jahr zeigen (Strg+Mausrad zum Zoomen)</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Click a point to see what it holds.</source>
        <translation>Auf einen Punkt klicken, um zu sehen, was er enthält.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed full backup</source>
        <translation>Fehlgeschlagene Vollsicherung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed incremental backup</source>
        <translation>Fehlgeschlagene inkrementelle Sicherung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incomplete full backup</source>
        <translation>Unvollständige Vollsicherung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Incomplete incremental backup</source>
        <translation>Unvollständige inkrementelle Sicherung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+237"/>
        <source>Full backup</source>
        <translation>Vollsicherung</translation>
    </message>
    <message>
        <location line="-237"/>
        <source>Incremental backup</source>
        <translation>Inkrementelle Sicherung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data added: %1</source>
        <translation>Hinzugefügte Daten: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repository size: %1</source>
        <translation>Größe des Repositorys: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maintenance window: %1</source>
        <translation>Wartungsfenster: %1</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>No Restoring Points yet</source>
        <translation>Noch keine Wiederherstellungspunkte</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Incremental</source>
        <translation>Inkrementell</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Incomplete</source>
        <translation>Unvollständig</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size of a point: data it added</source>
        <translation>Größe eines Punkts: hinzugefügte Daten</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Repository size</source>
        <translation>Größe des Repositorys</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>largest %1</source>
        <translation>maximal %1</translation>
    </message>
    <message numerus="yes">
        <location line="+160"/>
        <source>%n Restoring Point(s) from %1 to %2</source>
        <translation>
            <numerusform>%n Wiederherstellungspunkt von %1 bis %2</numerusform>
            <numerusform>%n Wiederherstellungspunkte von %1 bis %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click to zoom in and see each one.</source>
        <translation>Klicken, um hineinzuzoomen und jeden einzeln zu sehen.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::TrayIcon</name>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="+63"/>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open ncbackup</source>
        <translation>ncbackup öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>ncbackup</source>
        <translation>ncbackup</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ncbackup — %1</source>
        <translation>ncbackup — %1</translation>
    </message>
</context>
<context>
    <name>ncb::ui::VersionsDialog</name>
    <message>
        <location filename="../ui/VersionsDialog.cpp" line="+19"/>
        <location line="+41"/>
        <source>Versions of %1</source>
        <translation>Versionen von %1</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Every Restoring Point that holds a different version of&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Jeder Wiederherstellungspunkt mit einer anderen Version von&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restoring Point</source>
        <translation>Wiederherstellungspunkt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Looking through the Restoring Points…</source>
        <translation>Wiederherstellungspunkte werden durchsucht …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore this version…</source>
        <translation>Diese Version wiederherstellen …</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No repository is open.</source>
        <translation>Kein Repository ist geöffnet.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Full</source>
        <translation>Voll</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Incremental</source>
        <translation>Inkrementell</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n Version</numerusform>
            <numerusform>%n Versionen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncb::ui::WelcomePage</name>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="+56"/>
        <source>Welcome to ncbackup</source>
        <translation>Willkommen bei ncbackup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up a whole Nextcloud — files, database and configuration — as encrypted Restoring Points, and bring back one file or the whole instance when needed.</source>
        <translation>Sichern Sie eine ganze Nextcloud — Dateien, Datenbank und Konfiguration — als verschlüsselte Wiederherstellungspunkte und holen Sie bei Bedarf eine einzelne Datei oder die ganze Instanz zurück.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a Nextcloud instance</source>
        <translation>Nextcloud-Instanz hinzufügen</translation>
    </message>
</context>
</TS>
