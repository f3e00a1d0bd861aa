@echo off
rem Installs opcon-summit-connector @VERSION@ without the network: a virtualenv in .venv beside this file,
rem filled from the wheels folder only (pip --no-index). Run again to reinstall. Set PYTHON=C:\path\to\python.exe
rem to choose the Python; otherwise the first of py -3, py -3.x, python whose version has wheels here.
setlocal
set "HERE=%~dp0"
set "VENV=%~dp0.venv"
set "VERSIONS=@PYTHONS@"
set "PY="
if defined PYTHON call :pick_python
if defined PYTHON if not defined PY goto :python_unusable
if not defined PY call :pick py -3
@PY_LAUNCHER_TRIES@
if not defined PY call :pick python
if not defined PY goto :no_python

echo install: creating %VENV% with %PY%
%PY% -m venv --clear "%VENV%"
if errorlevel 1 goto :venv_failed
echo install: installing opcon-summit-connector @VERSION@ from %HERE%wheels (no network)
"%VENV%\Scripts\python.exe" -m pip install --no-index --find-links "%HERE%wheels" --disable-pip-version-check "opcon-summit-connector==@VERSION@"
if errorlevel 1 goto :pip_failed

set "CLI=%VENV%\Scripts\summit-connector.exe"
echo.
echo Installed opcon-summit-connector @VERSION@ in %VENV%
echo.
echo Try it (no configuration, no network beyond loopback):
echo     "%CLI%" demo
echo.
echo Then lay out the install folder, the working directory of the Notification Manager commands: it writes
echo Connector.config (every key, commented) and templates\basic.json there, never overwriting what is already there:
echo     "%CLI%" init C:\Connectors\SymphonySummit
echo (or copy starter\Connector.config and starter\templates\ there yourself). Fill in [OPCON API] ADDRESS and TOKEN
echo and the template's Summit address and apiKey, then check until it says OK:
echo     "%CLI%" check -c C:\Connectors\SymphonySummit\Connector.config
echo Use the full path "%CLI%" in Notification Manager; this folder must stay where it is.
exit /b 0

:pick_python
rem PYTHON as the user set it, with or without quotes.
set "PYTHON=%PYTHON:"=%"
call :pick "%PYTHON%"
exit /b 0

:pick
rem Sets PY to the command given when it runs a Python whose version has wheels in this bundle.
%* -c "import sys; sys.exit(0 if '%%d.%%d' %% sys.version_info[:2] in '%VERSIONS%'.split() else 1)" >nul 2>&1
if errorlevel 1 exit /b 0
set "PY=%*"
exit /b 0

:python_unusable
1>&2 echo install: PYTHON=%PYTHON% does not run a Python %VERSIONS%, the versions this bundle holds wheels for
exit /b 1

:no_python
1>&2 echo install: no Python %VERSIONS% found (tried %%PYTHON%%, py -3, py -3.x, python); install one from python.org, or set PYTHON to the full path of its python.exe
exit /b 1

:venv_failed
1>&2 echo install: %PY% -m venv failed (see above); close every program running from %VENV% and try again
exit /b 1

:pip_failed
1>&2 echo install: pip could not install from %HERE%wheels (see above); is this the Windows x64 bundle, for Python %VERSIONS%?
exit /b 1
