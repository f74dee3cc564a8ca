<?php
/**
 * Configures Horde and Kronolith for kronolith-appliance, without questions: the same steps
 * Horde's own bundle installers take (conf.php from conf.xml through Horde_Config, database
 * migrations of every application, the administrator account through Horde_Auth), with the
 * answers given on standard input, one per line, so no secret is ever on a command line:
 *
 *   1. database password   2. administrator name   3. administrator password (may be empty
 *   when the account exists already)   4. SMTP host for Kronolith's alarm mail
 *
 * Run as root by /usr/libexec/kronolith-appliance/setup; safe to run again (upgrades).
 */

$lines = explode("\n", stream_get_contents(STDIN));
$dbPassword = trim($lines[0] ?? '');
$adminUser = trim($lines[1] ?? '');
$adminPassword = rtrim($lines[2] ?? '', "\r");
$smtpHost = trim($lines[3] ?? '');

function fail($message)
{
    fwrite(STDERR, "kronolith-appliance: $message\n");
    exit(1);
}

if ($dbPassword === '' || $adminUser === '') {
    fail('horde-setup.php needs the database password and the administrator name on standard input');
}

$configDir = '/etc/horde/horde';
if (!file_exists("$configDir/conf.php")) {
    // Horde's registry needs a conf.php to start; the Debian package ships the minimal one.
    if (!copy("$configDir/conf.php.dist", "$configDir/conf.php")) {
        fail("cannot create $configDir/conf.php");
    }
}

// Horde 5 predates PHP 8.2's deprecations; keep them out of the installer's output.
error_reporting(E_ALL & ~E_DEPRECATED);
ini_set('display_errors', 'stderr');
require_once '/usr/share/horde/lib/Application.php';
Horde_Registry::appInit('horde', array('authentication' => 'none', 'cli' => true, 'nocompress' => true));
restore_error_handler(); // Horde's handler logs every deprecation; errors still end the script
error_reporting(E_ALL & ~E_DEPRECATED & ~E_NOTICE);

/**
 * Puts every current value or conf.xml default into $vars the way Horde's configuration form
 * does (booleans as 'on' or ''), so generatePHPConfig() keeps them. Horde_Config_Form itself
 * does not load under PHP 8.2.
 */
function fillDefaults($tree, $prefix, Horde_Variables $vars)
{
    if (!is_array($tree)) {
        return;
    }
    foreach ($tree as $name => $item) {
        if (!is_array($item) || isset($item['tab'])) {
            continue;
        }
        $var = ($prefix === '') ? $name : $prefix . '__' . $name;
        if (isset($item['switch'])) {
            $value = isset($item['default']) ? (string)$item['default'] : '';
            $vars->set($var, $value);
            if (isset($item['switch'][$value]['fields'])) {
                fillDefaults($item['switch'][$value]['fields'], $prefix, $vars);
            }
        } elseif (isset($item['_type'])) {
            if (!array_key_exists('default', $item)) {
                continue;
            }
            $value = $item['default'];
            if ($item['_type'] == 'boolean') {
                $value = ($value === true || $value === 'true' || $value === 1 || $value === '1') ? 'on' : '';
            } elseif ($item['_type'] == 'stringlist' && is_array($value)) {
                $value = implode(', ', $value);
            }
            $vars->set($var, $value);
        } else {
            fillDefaults($item, $var, $vars);
        }
    }
}

/** Writes an application's conf.php from its conf.xml, the current values and $settings. */
function writeConfig($app, array $settings)
{
    $config = new Horde_Config($app);
    $current = ($app == 'horde') ? $GLOBALS['conf'] : null;
    $vars = new Horde_Variables();
    fillDefaults($config->readXMLConfig($current), '', $vars);
    foreach ($settings as $name => $value) {
        $vars->set($name, $value);
    }
    $php = $config->generatePHPConfig($vars, $current);
    $file = $config->configFile();
    $tmp = $file . '.kronolith-appliance.tmp';
    if (file_put_contents($tmp, $php) === false || !chmod($tmp, 0640)
        || !chgrp($tmp, 'www-data') || !rename($tmp, $file)) {
        fail("cannot write $file");
    }
}

// 1. Horde's SQL connection: the local PostgreSQL server over TCP with a password.
writeConfig('horde', array(
    'sql__phptype' => 'pgsql',
    'sql__protocol' => 'tcp',
    'sql__hostspec' => '127.0.0.1',
    'sql__port' => '5432',
    'sql__username' => 'horde',
    'sql__password' => $dbPassword,
    'sql__database' => 'horde',
    'sql__charset' => 'utf-8',
));
include $GLOBALS['registry']->get('fileroot', 'horde') . '/config/conf.php';
$GLOBALS['conf'] = $conf; // nothing has opened the database yet, so it is opened with these settings

// 2. Tables of Horde and every installed application (Kronolith among them).
$migration = new Horde_Core_Db_Migration();
for ($pass = 0; $pass < 2; $pass++) {
    // Twice, as Horde's installers do, because migrations may depend on other applications'.
    $error = null;
    foreach ($migration->apps as $app) {
        $migrator = $migration->getMigrator($app);
        if ($migrator->getTargetVersion() <= $migrator->getCurrentVersion()) {
            continue;
        }
        try {
            $migrator->up();
        } catch (Exception $e) {
            $error = $e;
        }
    }
    if (!$error) {
        break;
    }
}
if ($error) {
    fail('database migration failed: ' . $error->getMessage());
}

// 3. The administrator, stored in Horde's SQL user table.
$auth = Horde_Auth::factory('Sql', array(
    'db' => $GLOBALS['injector']->getInstance('Horde_Db_Adapter'),
    'encryption' => 'ssha',
));
if (!$auth->exists($adminUser)) {
    if ($adminPassword === '') {
        fail("no password for the new administrator '$adminUser'; answer kronolith-appliance/admin-password");
    }
    $auth->addUser($adminUser, array('password' => $adminPassword));
} elseif ($adminPassword !== '') {
    $auth->updateUser($adminUser, $adminUser, array('password' => $adminPassword));
}

// 4. Authentication against that table, the administrator, and mail through the site's SMTP host.
$mail = array('mailer__type' => 'smtp', 'mailer__params__host' => $smtpHost === '' ? 'localhost' : $smtpHost);
writeConfig('horde', array_merge(array(
    'auth__driver' => 'sql',
    'auth__params__driverconfig' => 'horde',
    'auth__admins' => $adminUser,
), $mail));

// 5. Kronolith's own conf.php (calendars in Horde's SQL database, the conf.xml defaults).
writeConfig('kronolith', array());

echo "kronolith-appliance: Horde and Kronolith configured for PostgreSQL database 'horde'\n";
