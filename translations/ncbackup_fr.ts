<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
            <numerusform>%n jour %1 h</numerusform>
            <numerusform>%n jours %1 h</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+7"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>just now</source>
        <translation>à l’instant</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in %1</source>
        <translation>dans %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 ago</source>
        <translation>il y a %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this machine</source>
        <translation>cette machine</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+29"/>
        <source>Back up and restore Nextcloud instances as Restoring Points.</source>
        <translation>Sauvegarder et restaurer des instances Nextcloud sous forme de points de restauration.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the setup wizard for the Nextcloud server root ROOT on this computer.</source>
        <translation>Ouvrir l’assistant de configuration pour la racine Nextcloud ROOT sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::AppController</name>
    <message>
        <location filename="../ui/AppController.cpp" line="+194"/>
        <source>Repository password</source>
        <translation>Mot de passe du dépôt</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The key of the repository of %1 is not in the keychain. Enter the repository password:</source>
        <translation>La clé du dépôt de %1 n&apos;est pas dans le trousseau. Saisissez le mot de passe du dépôt :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No keychain is available on this desktop, so ncbackup does not store the password of the repository of %1 and asks for it once each time it starts. Enter the repository password:</source>
        <translation>Aucun trousseau n&apos;est disponible sur ce bureau : ncbackup n&apos;enregistre donc pas le mot de passe du dépôt de %1 et le demande une fois à chaque démarrage. Saisissez le mot de passe du dépôt :</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Checking %1 for an interrupted backup</source>
        <translation>Recherche d&apos;une sauvegarde interrompue sur %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: could not check for an interrupted backup: %2</source>
        <translation>%1 : impossible de rechercher une sauvegarde interrompue : %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reading the Restoring Points of %1</source>
        <translation>Lecture des points de restauration de %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+205"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location line="-190"/>
        <source>%1: %2 failed: %3</source>
        <translation>%1 : %2 en échec : %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 incomplete: %3</source>
        <translation>%1 : %2 incomplète : %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 done</source>
        <translation>%1 : %2 terminé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 done, Restoring Point %3</source>
        <translation>%1 : %2 terminé, point de restauration %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: a scheduled backup was missed (last Restoring Point %2).</source>
        <translation>%1 : une sauvegarde planifiée a été manquée (dernier point de restauration %2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup of %1 is overdue</source>
        <translation>La sauvegarde de %1 est en retard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last Restoring Point is from %1.</source>
        <translation>Le dernier point de restauration date du %1.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Restoring Point of %1, %2 (%3)</source>
        <translation>Point de restauration de %1, %2 (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>full</source>
        <translation>complète</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incremental</source>
        <translation>incrémentielle</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Full backup of %1</source>
        <translation>Sauvegarde complète de %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incremental backup of %1</source>
        <translation>Sauvegarde incrémentielle de %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled backup of %1</source>
        <translation>Sauvegarde planifiée de %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: Restoring Point %2 made (%3 new, Nextcloud in maintenance mode for %4).</source>
        <translation>%1 : point de restauration %2 créé (%3 nouveaux, Nextcloud en mode maintenance pendant %4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: warning: %2</source>
        <translation>%1 : avertissement : %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: not backed up: %2</source>
        <translation>%1 : non sauvegardé : %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup of %1 is incomplete</source>
        <translation>La sauvegarde de %1 est incomplète</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Restoring Point %1 lacks %n path(s) the server would not let ncbackup read. The Log tab names them.</source>
        <translation>
            <numerusform>Il manque au point de restauration %1 %n chemin que le serveur n’a pas laissé lire à ncbackup. L’onglet Journal le nomme.</numerusform>
            <numerusform>Il manque au point de restauration %1 %n chemins que le serveur n’a pas laissé lire à ncbackup. L’onglet Journal les nomme.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: maintenance mode is off again; no Restoring Point was made.</source>
        <translation>%1 : le mode maintenance est de nouveau désactivé ; aucun point de restauration n&apos;a été créé.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 has no Restoring Point yet.</source>
        <translation>%1 n&apos;a pas encore de point de restauration.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Reading the users of a Restoring Point of %1</source>
        <translation>Lecture des utilisateurs d&apos;un point de restauration de %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>File exists</source>
        <translation>Le fichier existe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already exists and differs from the version in the Restoring Point.</source>
        <translation>%1 existe déjà et diffère de la version du point de restauration.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overwrite</source>
        <translation>Écraser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both</source>
        <translation>Garder les deux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore from %1</source>
        <translation>Restauration depuis %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The database of %1 is back as it was at this Restoring Point, and Nextcloud is online again: the database had lost its tables, so Nextcloud could not start. What it held before is kept as safety copy %2.</source>
        <translation>La base de données de %1 est revenue à l’état de ce point de restauration et Nextcloud est de nouveau en ligne : la base avait perdu ses tables, Nextcloud ne pouvait donc pas démarrer. Ce qu’elle contenait avant est conservé dans la copie de sécurité %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database of %1 is back as it was at this Restoring Point. Nextcloud was in maintenance mode meanwhile and is online again. The database as it was before is kept as safety copy %2.</source>
        <translation>La base de données de %1 est revenue à l&apos;état de ce point de restauration. Nextcloud était en mode maintenance pendant ce temps et est de nouveau en ligne. La base telle qu&apos;elle était avant est conservée comme copie de sécurité %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database of %1 is back as it was at this Restoring Point, and Nextcloud is online again. An interrupted restore had left it incomplete, so no safety copy was made this time; the one from before that restore is %2.</source>
        <translation>La base de données de %1 est revenue à l’état de ce point de restauration, et Nextcloud est de nouveau en ligne. Une restauration interrompue l’avait laissée incomplète, aucune copie de sécurité n’a donc été faite cette fois ; celle d’avant cette restauration est %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>missing</source>
        <translation>absente</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A copy of %1 is ready: %2 files (%3) in %4 and %5, with its own database %6 at %7 and the instance id %8. %1 itself was not touched. %9</source>
        <translation>Une copie de %1 est prête : %2 fichiers (%3) dans %4 et %5, avec sa propre base de données %6 sur %7 et l’identifiant d’instance %8. %1 elle-même n’a pas été modifiée. %9</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Nextcloud has a new data fingerprint, so the desktop and phone apps sync again, and its file list was brought in line with the files on disk.</source>
        <translation>Nextcloud a une nouvelle empreinte des données, les applications de bureau et mobiles se resynchronisent donc, et sa liste de fichiers a été mise en accord avec les fichiers sur le disque.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 is back: %2 files (%3) in %4 and %5, and its database. occ files:scan ran on all files. %6</source>
        <translation>%1 est restaurée : %2 fichiers (%3) dans %4 et %5, ainsi que sa base de données. occ files:scan a parcouru tous les fichiers. %6</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%n file(s) (%1) restored into %2 on this computer.</source>
        <translation>
            <numerusform>%n fichier (%1) restauré dans %2 sur cet ordinateur.</numerusform>
            <numerusform>%n fichiers (%1) restaurés dans %2 sur cet ordinateur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) (%1) restored on %2 to their original place.</source>
        <translation>
            <numerusform>%n fichier (%1) restauré sur %2 à son emplacement d&apos;origine.</numerusform>
            <numerusform>%n fichiers (%1) restaurés sur %2 à leur emplacement d&apos;origine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n file(s) (%1) restored on %2 into %3.</source>
        <translation>
            <numerusform>%n fichier (%1) restauré sur %2 dans %3.</numerusform>
            <numerusform>%n fichiers (%1) restaurés sur %2 dans %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) already up to date, left alone.</source>
        <translation>
            <numerusform>%n fichier déjà à jour, laissé tel quel.</numerusform>
            <numerusform>%n fichiers déjà à jour, laissés tels quels.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) that differed replaced with the backed-up version.</source>
        <translation>
            <numerusform>%n fichier différent remplacé par la version sauvegardée.</numerusform>
            <numerusform>%n fichiers différents remplacés par la version sauvegardée.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>occ files:scan ran on %1, so Nextcloud shows them now.</source>
        <translation>occ files:scan a parcouru %1 : Nextcloud les affiche maintenant.</translation>
    </message>
    <message numerus="yes">
        <location line="-7"/>
        <source>%n file(s) restored next to the existing ones as &quot;name (restored DATE)&quot;.</source>
        <translation>
            <numerusform>%n fichier restauré à côté du fichier existant sous « nom (restored DATE) ».</numerusform>
            <numerusform>%n fichiers restaurés à côté des fichiers existants sous « nom (restored DATE) ».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) that differ kept as they are (skipped).</source>
        <translation>
            <numerusform>%n fichier différent gardé tel quel (ignoré).</numerusform>
            <numerusform>%n fichiers différents gardés tels quels (ignorés).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n item(s) of the Restoring Point could not be restored safely and were left out:</source>
        <translation>
            <numerusform>%n élément du point de restauration ne pouvait pas être restauré sans risque et a été laissé de côté :</numerusform>
            <numerusform>%n éléments du point de restauration ne pouvaient pas être restaurés sans risque et ont été laissés de côté :</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Check of the repository of %1</source>
        <translation>Vérification du dépôt de %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The repository is healthy: %1 Restoring Points and %2 packs checked.</source>
        <translation>Le dépôt est sain : %1 points de restauration et %2 paquets vérifiés.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restoring Point %1: %2</source>
        <translation>Point de restauration %1 : %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The repository is damaged:</source>
        <translation>Le dépôt est endommagé :</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The repository is damaged (%n problem(s)).</source>
        <translation>
            <numerusform>Le dépôt est endommagé (%n problème).</numerusform>
            <numerusform>Le dépôt est endommagé (%n problèmes).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: settings saved.</source>
        <translation>%1 : paramètres enregistrés.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Password change of the repository of %1</source>
        <translation>Changement du mot de passe du dépôt de %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The current password is wrong, so the password was not changed.</source>
        <translation>Le mot de passe actuel est faux : le mot de passe n&apos;a pas été changé.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No keychain is available on this desktop, so ncbackup asks for the new password when it needs it.</source>
        <translation>Aucun trousseau n&apos;est disponible sur ce bureau : ncbackup demandera le nouveau mot de passe quand il en aura besoin.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key could not be stored in the keychain (%1), so ncbackup asks for the new password when it needs it.</source>
        <translation>La clé n&apos;a pas pu être enregistrée dans le trousseau (%1) : ncbackup demandera le nouveau mot de passe quand il en aura besoin.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The repository key stays in the system keychain, so scheduled backups keep running.</source>
        <translation>La clé du dépôt reste dans le trousseau du système : les sauvegardes planifiées continuent.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The password is changed: from now on only the new password (or the recovery key) opens the repository.</source>
        <translation>Le mot de passe est changé : désormais seul le nouveau mot de passe (ou la clé de récupération) ouvre le dépôt.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1: added.</source>
        <translation>%1 : ajoutée.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="+25"/>
        <source>Change the repository password — %1</source>
        <translation>Changer le mot de passe du dépôt — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The repository of %1 gets a new password. Its data is not re-encrypted, the recovery key stays valid, and the old password no longer opens it.</source>
        <translation>Le dépôt de %1 reçoit un nouveau mot de passe. Ses données ne sont pas rechiffrées, la clé de récupération reste valable et l&apos;ancien mot de passe ne l&apos;ouvre plus.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Change password</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Current password:</source>
        <translation>Mot de passe actuel :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password:</source>
        <translation>Nouveau mot de passe :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat new password:</source>
        <translation>Répétez le nouveau mot de passe :</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Very weak — easy to guess</source>
        <translation>Très faible — facile à deviner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new password is the current one.</source>
        <translation>Le nouveau mot de passe est l&apos;actuel.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Changing the password…</source>
        <translation>Changement du mot de passe…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>ncb::ui::ConnectPage</name>
    <message>
        <location filename="../ui/wizard/ConnectPage.cpp" line="+16"/>
        <source>Connect to the server</source>
        <translation>Connexion au serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make sure you are talking to your server and not to an impostor.</source>
        <translation>Assurez-vous de parler à votre serveur et non à un imposteur.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Compare it with the output of &lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/tt&gt; run on the server itself, or ask its administrator.</source>
        <translation>Comparez-la avec la sortie de &lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub&lt;/tt&gt; exécuté sur le serveur lui-même, ou demandez à son administrateur.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>I checked this fingerprint and trust this server</source>
        <translation>J’ai vérifié cette empreinte et je fais confiance à ce serveur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Connecting to %1@%2, port %3…</source>
        <translation>Connexion à %1@%2, port %3…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Could not connect.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Connexion impossible.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server answered with the key you already trust (%1):</source>
        <translation>Le serveur a répondu avec la clé à laquelle vous faites déjà confiance (%1) :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server presented this %1 host key, which this computer has never seen:</source>
        <translation>Le serveur présente cette clé d’hôte %1, que cet ordinateur n’a jamais vue :</translation>
    </message>
</context>
<context>
    <name>ncb::ui::CoreOps</name>
    <message>
        <location filename="../ui/CoreOps.cpp" line="+28"/>
        <source>The repository %1 needs its password.</source>
        <translation>Le dépôt %1 a besoin de son mot de passe.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Incomplete: %n path(s) on the server could not be read: %1</source>
        <translation>
            <numerusform>Incomplète : %n chemin du serveur n’a pas pu être lu : %1</numerusform>
            <numerusform>Incomplète : %n chemins du serveur n’ont pas pu être lus : %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not reach %1: %2</source>
        <translation>Impossible de joindre %1 : %2</translation>
    </message>
</context>
<context>
    <name>ncb::ui::CoreWizardBackend</name>
    <message>
        <location filename="../ui/CoreWizardBackend.cpp" line="+69"/>
        <source>Connecting to the server</source>
        <translation>Connexion au serveur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the name or address of the server.</source>
        <translation>Saisissez le nom ou l&apos;adresse du serveur.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Looking at the Nextcloud instance</source>
        <translation>Examen de l&apos;instance Nextcloud</translation>
    </message>
    <message>
        <source>No Nextcloud was found in the usual folders on %1: enter the folder that holds occ and config/.</source>
        <translation type="vanished">Aucune Nextcloud n&apos;a été trouvée dans les dossiers habituels sur %1 : indiquez le dossier qui contient occ et config/.</translation>
    </message>
    <message>
        <source>The Nextcloud folder must be a full path starting with /, not &quot;%1&quot;.</source>
        <translation type="vanished">Le dossier de Nextcloud doit être un chemin complet commençant par /, pas « %1 ».</translation>
    </message>
    <message>
        <source>The Nextcloud at %1 is not installed yet: finish its installation first.</source>
        <translation type="vanished">La Nextcloud de %1 n&apos;est pas encore installée : terminez d&apos;abord son installation.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Its files belong to %1 (the owner of config.php), so ncbackup will run its commands there as %1.</source>
        <translation>Ses fichiers appartiennent à %1 (le propriétaire de config.php), ncbackup exécutera donc ses commandes là-bas en tant que %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nextcloud is in maintenance mode right now; ncbackup will leave it on.</source>
        <translation>Nextcloud est actuellement en mode maintenance ; ncbackup le laissera activé.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n external storage(s) are mounted in this instance; their files are not backed up.</source>
        <translation>
            <numerusform>%n stockage externe est monté dans cette instance ; ses fichiers ne sont pas sauvegardés.</numerusform>
            <numerusform>%n stockages externes sont montés dans cette instance ; leurs fichiers ne sont pas sauvegardés.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Creating the repository</source>
        <translation>Création du dépôt</translation>
    </message>
    <message>
        <source>The repository must be a folder on this computer (or a mounted disk).</source>
        <translation type="vanished">Le dépôt doit être un dossier de cet ordinateur (ou d’un disque monté).</translation>
    </message>
    <message>
        <source>%1 already holds a repository: choose an empty folder.</source>
        <translation type="vanished">%1 contient déjà un dépôt : choisissez un dossier vide.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The key could not be stored in the keychain (%1): ncbackup will ask for the repository password each time it starts.</source>
        <translation>La clé n&apos;a pas pu être enregistrée dans le trousseau (%1) : ncbackup demandera le mot de passe du dépôt à chaque démarrage.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No keychain is available on this desktop, so the password is not stored: ncbackup will ask for it each time it starts.</source>
        <translation>Aucun trousseau n&apos;est disponible sur ce bureau, le mot de passe n&apos;est donc pas enregistré : ncbackup le demandera à chaque démarrage.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>First full backup</source>
        <translation>Première sauvegarde complète</translation>
    </message>
    <message>
        <source>There is already an instance named %1.</source>
        <translation type="vanished">Il existe déjà une instance nommée %1.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::DiscoveryPage</name>
    <message>
        <location filename="../ui/wizard/DiscoveryPage.cpp" line="+17"/>
        <source>What ncbackup found</source>
        <translation>Ce que ncbackup a trouvé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that this is the instance you want to back up.</source>
        <translation>Vérifiez qu’il s’agit bien de l’instance à sauvegarder.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Instance:</source>
        <translation>Instance :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nextcloud version:</source>
        <translation>Version de Nextcloud :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server folder:</source>
        <translation>Dossier du serveur :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder:</source>
        <translation>Dossier de données :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>Base de données :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data size:</source>
        <translation>Taille des données :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users:</source>
        <translation>Utilisateurs :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Looking at %1…</source>
        <translation>Examen de %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for Nextcloud on %1…</source>
        <translation>Recherche de Nextcloud sur %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;No Nextcloud instance could be read there.&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Aucune instance Nextcloud n’a pu y être lue.&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nextcloud was found.</source>
        <translation>Nextcloud a été trouvé.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Worth knowing:&lt;/b&gt;&lt;ul&gt;%1&lt;/ul&gt;</source>
        <translation>&lt;b&gt;Bon à savoir :&lt;/b&gt;&lt;ul&gt;%1&lt;/ul&gt;</translation>
    </message>
</context>
<context>
    <name>ncb::ui::FirstBackupPage</name>
    <message>
        <location filename="../ui/wizard/FirstBackupPage.cpp" line="+18"/>
        <source>First full backup</source>
        <translation>Première sauvegarde complète</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This one copies everything and takes the longest. You can close the wizard when it is done.</source>
        <translation>Elle copie tout et prend le plus de temps. Vous pourrez fermer l’assistant une fois terminée.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Backing up %1 to %2.</source>
        <translation>Sauvegarde de %1 vers %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nextcloud was in maintenance mode for %1.</source>
        <translation>Nextcloud est resté %1 en mode maintenance.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;The first backup did not complete.&lt;/b&gt; Nothing on the server was changed.</source>
        <translation>&lt;b&gt;La première sauvegarde n’a pas abouti.&lt;/b&gt; Rien n’a été modifié sur le serveur.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your first Restoring Point is ready. Next backups run on their own.</source>
        <translation>Votre premier point de restauration est prêt. Les prochaines sauvegardes se feront toutes seules.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Nextcloud has been in maintenance mode for %1; users see a maintenance notice.</source>
        <translation>Nextcloud est en mode maintenance depuis %1 ; les utilisateurs voient un avis de maintenance.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::HostPage</name>
    <message>
        <location filename="../ui/wizard/HostPage.cpp" line="+24"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Where does Nextcloud run?</source>
        <translation>Où tourne Nextcloud ?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ncbackup reads the files, the database and the configuration of the instance from there.</source>
        <translation>ncbackup y lit les fichiers, la base de données et la configuration de l’instance.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On this computer</source>
        <translation>Sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On another computer, over SSH</source>
        <translation>Sur un autre ordinateur, via SSH</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+34"/>
        <source>Nextcloud folder:</source>
        <translation>Dossier Nextcloud :</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Nextcloud folder</source>
        <translation>Dossier Nextcloud</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Host:</source>
        <translation>Hôte :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Port :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key:</source>
        <translation>Clé privée :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key</source>
        <translation>Clé privée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>found automatically</source>
        <translation>trouvé automatiquement</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. www-data (leave empty to run as the login user)</source>
        <translation>p. ex. www-data (vide : exécuter en tant qu’utilisateur connecté)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nextcloud&apos;s files usually belong to the web server&apos;s user. ncbackup then runs occ, tar, find and the database dump through &quot;sudo -n -u USER&quot;, which needs a NOPASSWD sudo rule for the login user.</source>
        <translation>Les fichiers de Nextcloud appartiennent en général à l’utilisateur du serveur web. ncbackup lance alors occ, tar, find et l’export de la base via « sudo -n -u UTILISATEUR », ce qui demande une règle sudo NOPASSWD pour l’utilisateur connecté.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run commands as:</source>
        <translation>Exécuter les commandes en tant que :</translation>
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
        <translation>en cours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>incomplete</source>
        <translation>incomplète</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no backup yet</source>
        <translation>pas encore de sauvegarde</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nextcloud version unknown</source>
        <translation>Version de Nextcloud inconnue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nextcloud %1</source>
        <translation>Nextcloud %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last: %1 (%2)</source>
        <translation>Dernière : %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last: %1</source>
        <translation>Dernière : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next: %1</source>
        <translation>Prochaine : %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next: not scheduled</source>
        <translation>Prochaine : non planifiée</translation>
    </message>
</context>
<context>
    <name>ncb::ui::InstanceListModel</name>
    <message>
        <location filename="../ui/InstanceListModel.cpp" line="+54"/>
        <source>%1 on %2, Nextcloud %3. Last Restoring Point: %4. Next backup: %5.</source>
        <translation>%1 sur %2, Nextcloud %3. Dernier point de restauration : %4. Prochaine sauvegarde : %5.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::JobStatusWidget</name>
    <message>
        <location filename="../ui/JobStatusWidget.cpp" line="+46"/>
        <source>Cancelling %1…</source>
        <translation>Annulation de %1…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scanning files</source>
        <translation>Analyse des fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving files</source>
        <translation>Sauvegarde des fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nextcloud in maintenance mode</source>
        <translation>Nextcloud en mode maintenance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving the database</source>
        <translation>Sauvegarde de la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving changes since the last backup</source>
        <translation>Sauvegarde des modifications depuis la dernière sauvegarde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sealing the Restoring Point</source>
        <translation>Scellement du point de restauration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restoring files</source>
        <translation>Restauration des fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking the repository</source>
        <translation>Vérification du dépôt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nextcloud is rescanning the files</source>
        <translation>Nextcloud réanalyse les fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Idle</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 of %2 files</source>
        <translation>%1 fichiers sur %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 files</source>
        <translation>%1 fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 left</source>
        <translation>%1 restant</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: done</source>
        <translation>%1 : terminé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cancelled</source>
        <translation>%1 : annulé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: failed</source>
        <translation>%1 : échec</translation>
    </message>
</context>
<context>
    <name>ncb::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+106"/>
        <source>%1: done</source>
        <translation>%1 : terminé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 failed</source>
        <translation>%1 a échoué</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>ncbackup — Nextcloud backups</source>
        <translation>ncbackup — sauvegardes Nextcloud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add instance</source>
        <translation>Ajouter une instance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a Nextcloud instance to back up</source>
        <translation>Ajouter une instance Nextcloud à sauvegarder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make a Restoring Point of the selected instance now (Ctrl+B)</source>
        <translation>Créer maintenant un point de restauration de l’instance choisie (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incremental backup (changes only)</source>
        <translation>Sauvegarde incrémentielle (modifications seulement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full backup</source>
        <translation>Sauvegarde complète</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring back files, a user, the database or the whole instance</source>
        <translation>Récupérer des fichiers, un utilisateur, la base de données ou l’instance entière</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check repository</source>
        <translation>Vérifier le dépôt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify that every Restoring Point can be read back</source>
        <translation>Vérifier que chaque point de restauration peut être relu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Nextcloud instances</source>
        <translation>Instances Nextcloud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages of backups, restores and checks appear here.</source>
        <translation>Les messages des sauvegardes, restaurations et vérifications apparaissent ici.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Error:</source>
        <translation>Erreur :</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: started</source>
        <translation>%1 : démarré</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RecoveryKeyPage</name>
    <message>
        <location filename="../ui/wizard/RecoveryKeyPage.cpp" line="+23"/>
        <source>Your recovery key</source>
        <translation>Votre clé de récupération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If the password is ever lost, this key is the only way to open the backups. It is shown only now.</source>
        <translation>Si le mot de passe est perdu, cette clé est le seul moyen d’ouvrir les sauvegardes. Elle n’est affichée que maintenant.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to a file…</source>
        <translation>Enregistrer dans un fichier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I saved the recovery key in a safe place (a password manager or on paper)</source>
        <translation>J’ai mis la clé de récupération en lieu sûr (gestionnaire de mots de passe ou papier)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+7"/>
        <source>Save the recovery key</source>
        <translation>Enregistrer la clé de récupération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Creating the encrypted repository in %1…</source>
        <translation>Création du dépôt chiffré dans %1…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;The repository could not be created.&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Le dépôt n’a pas pu être créé.&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The repository is ready. Write this key down or store it in a password manager:</source>
        <translation>Le dépôt est prêt. Notez cette clé ou conservez-la dans un gestionnaire de mots de passe :</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RepositoryPage</name>
    <message>
        <location filename="../ui/wizard/RepositoryPage.cpp" line="+23"/>
        <source>Where should the backups go?</source>
        <translation>Où placer les sauvegardes ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything is encrypted with your password before it leaves this computer. Use another disk or another machine than the server.</source>
        <translation>Tout est chiffré avec votre mot de passe avant de quitter cet ordinateur. Utilisez un autre disque ou une autre machine que le serveur.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How ncbackup names this instance: letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Le nom que ncbackup donne à cette instance : lettres, chiffres, &apos;.&apos;, &apos;_&apos; et &apos;-&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>/media/backup/nextcloud or sftp://user@host/path</source>
        <translation>/media/backup/nextcloud ou sftp://utilisateur@hote/chemin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repository folder</source>
        <translation>Dossier du dépôt</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The password is kept in your system keychain so scheduled backups can run; it is never written to a file.</source>
        <translation>Le mot de passe est conservé dans le trousseau du système pour que les sauvegardes planifiées puissent tourner ; il n’est jamais écrit dans un fichier.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Instance name:</source>
        <translation>Nom de l’instance :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location:</source>
        <translation>Emplacement :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat password:</source>
        <translation>Répéter le mot de passe :</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Use only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>N’utilisez que des lettres, des chiffres, &apos;.&apos;, &apos;_&apos; et &apos;-&apos; (64 au plus).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Very weak — easy to guess</source>
        <translation>Très faible — facile à deviner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weak — add words or characters</source>
        <translation>Faible — ajoutez des mots ou des caractères</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fair</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Strong</source>
        <translation>Fort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Very strong</source>
        <translation>Très fort</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a long password: four or more unrelated words work well.</source>
        <translation>Choisissez un long mot de passe : quatre mots sans rapport ou plus conviennent bien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RestoreDialog</name>
    <message>
        <location filename="../ui/RestoreDialog.cpp" line="+40"/>
        <source>Restore from %1</source>
        <translation>Restaurer depuis le %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restoring Point of %1, made %2</source>
        <translation>Point de restauration de %1, créé le %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt; Back</source>
        <translation>&lt; Précédent</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The selected files and folders</source>
        <translation>Les fichiers et dossiers sélectionnés</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All files of one user:</source>
        <translation>Tous les fichiers d’un utilisateur :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database</source>
        <translation>La base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The whole instance: files, database and configuration</source>
        <translation>L’instance entière : fichiers, base de données et configuration</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Replaces the current database: shares, comments, calendars and contacts go back to how they were at that time.</source>
        <translation>Remplace la base de données actuelle : partages, commentaires, agendas et contacts reviennent à leur état d’alors.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>In its place</source>
        <translation>À sa place</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As a copy beside it, in new folders and its own database</source>
        <translation>En copie à côté, dans de nouveaux dossiers et avec sa propre base de données</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>/srv/nextcloud-copy/root</source>
        <translation>/srv/nextcloud-copie/root</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>/srv/nextcloud-copy/data</source>
        <translation>/srv/nextcloud-copie/data</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default: the instance&apos;s database name with _rp%1</source>
        <translation>par défaut : le nom de la base de l’instance suivi de _rp%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the copy a new instance id</source>
        <translation>Donner un nouvel identifiant d’instance à la copie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server root:</source>
        <translation>Racine du serveur :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder:</source>
        <translation>Dossier de données :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>Base de données :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For a server that was lost or broken. Everything changed since then is replaced.</source>
        <translation>Pour un serveur perdu ou cassé. Tout ce qui a changé depuis est remplacé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The instance itself is not touched. A copy that keeps the instance id is a stand-in for disaster recovery; give it a new one to run it next to the instance.</source>
        <translation>L’instance elle-même n’est pas modifiée. Une copie qui garde l’identifiant d’instance sert de remplaçante en cas de sinistre ; donnez-lui-en un nouveau pour la faire tourner à côté de l’instance.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Back to their original place on the server</source>
        <translation>À leur emplacement d’origine sur le serveur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Into another folder on the server:</source>
        <translation>Dans un autre dossier du serveur :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>/data/alice/files/Restored</source>
        <translation>/data/alice/files/Restaure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into a folder on this computer:</source>
        <translation>Dans un dossier de cet ordinateur :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore into</source>
        <translation>Restaurer dans</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nextcloud rescans the restored files so users see them at once.</source>
        <translation>Nextcloud réanalyse les fichiers restaurés pour que les utilisateurs les voient tout de suite.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Ask me for each file</source>
        <translation>Me demander pour chaque fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep both</source>
        <translation>Garder les deux</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Files that are already the same as the backed-up version are always left alone. When a file exists but differs from it:</source>
        <translation>Les fichiers déjà identiques à la version sauvegardée sont toujours laissés tels quels. Quand un fichier existe mais en diffère :</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The backed-up version is restored next to it, with today&apos;s date added to its name.</source>
        <translation>La version sauvegardée est restaurée à côté, avec la date du jour ajoutée à son nom.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace it with the backed-up version</source>
        <translation>La remplacer par la version sauvegardée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The current version is lost unless an older Restoring Point holds it.</source>
        <translation>La version actuelle est perdue sauf si un point de restauration plus ancien la contient.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the current file and skip it</source>
        <translation>Garder le fichier actuel et passer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backed-up version of that file is not restored.</source>
        <translation>La version sauvegardée de ce fichier n&apos;est pas restaurée.</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>What do you want to restore?</source>
        <translation>Que voulez-vous restaurer ?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where should it go?</source>
        <translation>Où le placer ?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files that already exist</source>
        <translation>Fichiers déjà présents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ready to restore</source>
        <translation>Prêt à restaurer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restoring…</source>
        <translation>Restauration…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next &gt;</source>
        <translation>Suivant &gt;</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>the file &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>le fichier &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the folder &lt;b&gt;%1&lt;/b&gt; and everything in it</source>
        <translation>le dossier &lt;b&gt;%1&lt;/b&gt; et tout son contenu</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n selected item(s)</source>
        <translation>
            <numerusform>%n élément sélectionné</numerusform>
            <numerusform>%n éléments sélectionnés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all files of user &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>tous les fichiers de l’utilisateur &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the database of &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>la base de données de &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the whole instance &lt;b&gt;%1&lt;/b&gt;: files, database and configuration</source>
        <translation>l’instance entière &lt;b&gt;%1&lt;/b&gt; : fichiers, base de données et configuration</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>as a copy in &lt;b&gt;%1&lt;/b&gt; (data &lt;b&gt;%2&lt;/b&gt;) with its own database &lt;b&gt;%3&lt;/b&gt;%4</source>
        <translation>en copie dans &lt;b&gt;%1&lt;/b&gt; (données &lt;b&gt;%2&lt;/b&gt;) avec sa propre base de données &lt;b&gt;%3&lt;/b&gt;%4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>named after the instance&apos;s with _rp%1</source>
        <translation>nommée d’après celle de l’instance avec _rp%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> and a new instance id</source>
        <translation> et un nouvel identifiant d’instance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>back to its original place on the server</source>
        <translation>à son emplacement d’origine sur le serveur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>into &lt;b&gt;%1&lt;/b&gt; on the server</source>
        <translation>dans &lt;b&gt;%1&lt;/b&gt; sur le serveur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>into &lt;b&gt;%1&lt;/b&gt; on this computer</source>
        <translation>dans &lt;b&gt;%1&lt;/b&gt; sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each item goes into that folder under its own name, e.g. &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Chaque élément va dans ce dossier sous son propre nom, par exemple &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 itself is not touched: its files, database and configuration stay as they are.</source>
        <translation>%1 elle-même n’est pas modifiée : ses fichiers, sa base de données et sa configuration restent tels quels.</translation>
    </message>
    <message>
        <source>You will be asked about each file that already exists.</source>
        <translation type="vanished">On vous demandera quoi faire pour chaque fichier déjà présent.</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The restored files belong to you; setuid, setgid and sticky bits are not restored.</source>
        <translation>Les fichiers restaurés vous appartiennent ; les bits setuid, setgid et sticky ne sont pas restaurés.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Files that are already the same are left alone. You will be asked about each file that differs; nothing is written before you have answered.</source>
        <translation>Les fichiers déjà identiques sont laissés tels quels. Vous serez interrogé pour chaque fichier différent ; rien n&apos;est écrit avant votre réponse.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files that are already the same are left alone. Files that differ are replaced with the backed-up version; missing files are restored.</source>
        <translation>Les fichiers déjà identiques sont laissés tels quels. Les fichiers différents sont remplacés par la version sauvegardée ; les fichiers manquants sont restaurés.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files that are already the same are left alone. Next to each file that differs, the backed-up version is restored with the date in its name; missing files are restored.</source>
        <translation>Les fichiers déjà identiques sont laissés tels quels. À côté de chaque fichier différent, la version sauvegardée est restaurée avec la date dans son nom ; les fichiers manquants sont restaurés.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files that are already the same are left alone. Files that differ are kept as they are; only missing files are restored.</source>
        <translation>Les fichiers déjà identiques sont laissés tels quels. Les fichiers différents sont gardés tels quels ; seuls les fichiers manquants sont restaurés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ncbackup will restore %1 from the Restoring Point of %2, %3.</source>
        <translation>ncbackup va restaurer %1 depuis le point de restauration du %2, %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nextcloud goes into maintenance mode while this runs. Everything that changed in %1 since %2 will be lost.</source>
        <translation>Nextcloud passe en mode maintenance pendant ce temps. Tout ce qui a changé dans %1 depuis le %2 sera perdu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To confirm, type the name of the instance, &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation>Pour confirmer, saisissez le nom de l’instance, &lt;b&gt;%1&lt;/b&gt; :</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Restored</source>
        <translation>Restauré</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everything was restored.</source>
        <translation>Tout a été restauré.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore cancelled</source>
        <translation>Restauration annulée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The restore was stopped. Files already restored stay in place.</source>
        <translation>La restauration a été arrêtée. Les fichiers déjà restaurés restent en place.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore failed</source>
        <translation>Échec de la restauration</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RpFileModel</name>
    <message>
        <location filename="../ui/RpFileModel.cpp" line="+235"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
</context>
<context>
    <name>ncb::ui::RpFileTreeView</name>
    <message>
        <location filename="../ui/RpFileTreeView.cpp" line="+82"/>
        <source>Could not list %1: %2</source>
        <translation>Impossible de lister %1 : %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter by name…</source>
        <translation>Filtrer par nom…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter files by name</source>
        <translation>Filtrer les fichiers par nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files in the Restoring Point</source>
        <translation>Fichiers du point de restauration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a Restoring Point on the timeline to see its files.</source>
        <translation>Choisissez un point de restauration sur la chronologie pour voir ses fichiers.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restoring Point %1</source>
        <translation>Point de restauration %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Showing folders and the files whose name contains “%1”.</source>
        <translation>Affichage des dossiers et des fichiers dont le nom contient « %1 ».</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>Restore %n items…</source>
        <translation>
            <numerusform>Restaurer %n élément…</numerusform>
            <numerusform>Restaurer %n éléments…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show versions</source>
        <translation>Afficher les versions</translation>
    </message>
</context>
<context>
    <name>ncb::ui::SchedulePage</name>
    <message>
        <location filename="../ui/wizard/SchedulePage.cpp" line="+17"/>
        <source>When should backups run?</source>
        <translation>Quand lancer les sauvegardes ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A full backup now and then, small incremental ones in between. These defaults suit most instances.</source>
        <translation>Une sauvegarde complète de temps en temps, de petites incrémentielles entre deux. Ces réglages conviennent à la plupart des instances.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> weeks</source>
        <translation> semaines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every day, saving only what changed</source>
        <translation>Chaque jour, en ne sauvegardant que les modifications</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>between</source>
        <translation>entre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>and</source>
        <translation>et</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Full backup every:</source>
        <translation>Sauvegarde complète toutes les :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incremental backup:</source>
        <translation>Sauvegarde incrémentielle :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start backups:</source>
        <translation>Lancer les sauvegardes :</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nextcloud is put in maintenance mode for a short moment at the start of each backup, so users may see a notice if they are online between %1:00 and %2:00.</source>
        <translation>Nextcloud passe un court instant en mode maintenance au début de chaque sauvegarde ; les utilisateurs connectés entre %1 h et %2 h peuvent voir un avis.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The window must end after it starts.</source>
        <translation>La plage horaire doit finir après son début.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="+34"/>
        <source>Settings — %1</source>
        <translation>Paramètres — %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repository</source>
        <translation>Dépôt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclusions</source>
        <translation>Exclusions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Where:</source>
        <translation>Où :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Over SSH</source>
        <translation>Via SSH</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nextcloud folder:</source>
        <translation>Dossier Nextcloud :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host:</source>
        <translation>Hôte :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Port :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key:</source>
        <translation>Clé privée :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changing the host asks you to check its key fingerprint again at the next connection.</source>
        <translation>Après un changement d’hôte, vous devrez revérifier l’empreinte de sa clé à la prochaine connexion.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change password…</source>
        <translation>Changer le mot de passe…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Location:</source>
        <translation>Emplacement :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To move the repository, copy its folder and add the instance again from the new place.</source>
        <translation>Pour déplacer le dépôt, copiez son dossier et ajoutez à nouveau l’instance depuis le nouvel emplacement.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password is kept in the system keychain; the recovery key stays valid when it changes.</source>
        <translation>Le mot de passe est conservé dans le trousseau du système ; la clé de récupération reste valable quand il change.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> weeks</source>
        <translation> semaines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every day, saving only what changed</source>
        <translation>Chaque jour, en ne sauvegardant que les modifications</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>between</source>
        <translation>entre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>and</source>
        <translation>et</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Full backup every:</source>
        <translation>Sauvegarde complète toutes les :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incremental backup:</source>
        <translation>Sauvegarde incrémentielle :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start backups:</source>
        <translation>Lancer les sauvegardes :</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Thumbnails and previews (Nextcloud makes them again)</source>
        <translation>Miniatures et aperçus (Nextcloud les recrée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Nextcloud log file (nextcloud.log)</source>
        <translation>Le fichier journal de Nextcloud (nextcloud.log)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted files (trash bin)</source>
        <translation>Fichiers supprimés (corbeille)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Older versions of files</source>
        <translation>Anciennes versions des fichiers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One pattern per line, relative to the data folder, e.g. */files/Movies/*</source>
        <translation>Un motif par ligne, relatif au dossier de données, par ex. */files/Films/*</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out of backups:</source>
        <translation>Exclure des sauvegardes :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Other patterns:</source>
        <translation>Autres motifs :</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show an icon in the system tray and keep running when the window is closed</source>
        <translation>Afficher une icône dans la zone de notification et continuer après la fermeture de la fenêtre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify me when a backup fails or a scheduled backup was missed</source>
        <translation>M&apos;avertir quand une sauvegarde échoue ou qu&apos;une sauvegarde planifiée a été manquée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language applies the next time ncbackup starts.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage de ncbackup.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::SetupWizard</name>
    <message>
        <location filename="../ui/wizard/SetupWizard.cpp" line="+16"/>
        <source>Add a Nextcloud instance</source>
        <translation>Ajouter une instance Nextcloud</translation>
    </message>
</context>
<context>
    <name>ncb::ui::TimelineWidget</name>
    <message>
        <location filename="../ui/TimelineWidget.cpp" line="+135"/>
        <source>Restoring Points timeline</source>
        <translation>Chronologie des points de restauration</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Next period</source>
        <translation>Période suivante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show one day (Ctrl+wheel to zoom)</source>
        <translation>Afficher un jour (Ctrl+molette pour zoomer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show one month (Ctrl+wheel to zoom)</source>
        <translation>Afficher un mois (Ctrl+molette pour zoomer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show one year (Ctrl+wheel to zoom)</source>
        <translation>Afficher une année (Ctrl+molette pour zoomer)</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Click a point to see what it holds.</source>
        <translation>Cliquez sur un point pour voir ce qu&apos;il contient.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed full backup</source>
        <translation>Sauvegarde complète échouée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed incremental backup</source>
        <translation>Sauvegarde incrémentielle échouée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incomplete full backup</source>
        <translation>Sauvegarde complète incomplète</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Incomplete incremental backup</source>
        <translation>Sauvegarde incrémentielle incomplète</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+237"/>
        <source>Full backup</source>
        <translation>Sauvegarde complète</translation>
    </message>
    <message>
        <location line="-237"/>
        <source>Incremental backup</source>
        <translation>Sauvegarde incrémentielle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data added: %1</source>
        <translation>Données ajoutées : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repository size: %1</source>
        <translation>Taille du dépôt : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maintenance window: %1</source>
        <translation>Fenêtre de maintenance : %1</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>No Restoring Points yet</source>
        <translation>Pas encore de point de restauration</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Incremental</source>
        <translation>Incrémentielle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Incomplete</source>
        <translation>Incomplète</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size of a point: data it added</source>
        <translation>Taille d’un point : données ajoutées</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Repository size</source>
        <translation>Taille du dépôt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>largest %1</source>
        <translation>maximum %1</translation>
    </message>
    <message numerus="yes">
        <location line="+160"/>
        <source>%n Restoring Point(s) from %1 to %2</source>
        <translation>
            <numerusform>%n point de restauration du %1 au %2</numerusform>
            <numerusform>%n points de restauration du %1 au %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click to zoom in and see each one.</source>
        <translation>Cliquez pour zoomer et les voir un par un.</translation>
    </message>
</context>
<context>
    <name>ncb::ui::TrayIcon</name>
    <message>
        <location filename="../ui/TrayIcon.cpp" line="+63"/>
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open ncbackup</source>
        <translation>Ouvrir ncbackup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Quitter</translation>
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
        <translation>Versions de %1</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Every Restoring Point that holds a different version of&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Chaque point de restauration contenant une version différente de&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restoring Point</source>
        <translation>Point de restauration</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Looking through the Restoring Points…</source>
        <translation>Parcours des points de restauration…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore this version…</source>
        <translation>Restaurer cette version…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No repository is open.</source>
        <translation>Aucun dépôt n’est ouvert.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Full</source>
        <translation>Complète</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Incremental</source>
        <translation>Incrémentielle</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ncb::ui::WelcomePage</name>
    <message>
        <location filename="../ui/WelcomePage.cpp" line="+56"/>
        <source>Welcome to ncbackup</source>
        <translation>Bienvenue dans ncbackup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up a whole Nextcloud — files, database and configuration — as encrypted Restoring Points, and bring back one file or the whole instance when needed.</source>
        <translation>Sauvegardez un Nextcloud entier — fichiers, base de données et configuration — sous forme de points de restauration chiffrés, et récupérez un fichier ou l’instance entière au besoin.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a Nextcloud instance</source>
        <translation>Ajouter une instance Nextcloud</translation>
    </message>
</context>
</TS>
