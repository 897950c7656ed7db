; ParcDesk – trình cài đặt cho Windows (Inno Setup 6.3 trở lên).
;
; Built by .github/workflows/windows-installer.yml once PyInstaller has made dist\parcdesk\
; (installer/parcdesk.spec) and `parcdesk-lenh.exe --smoke` has passed inside it:
;     iscc /DAppVersion=0.1.0 installer\parcdesk.iss      → dist\installer\ParcDesk-0.1.0-cai-dat.exe
; Without /DAppVersion the version is read from the bundled parcdesk.exe's version resource.
;
; One file, no administrator: the program is installed for the current user only, in
; %LOCALAPPDATA%\Programs\ParcDesk. The office's data is not in the program's folder: it is in
; %LOCALAPPDATA%\ParcDesk (src/parcdesk/paths.py), which neither an upgrade nor the uninstaller
; touches. (In portable mode, a portable.txt beside parcdesk.exe, the data is in the program's
; du-lieu\ folder; the uninstaller removes only the files it installed, so that stays too.)
;
; This file is saved as UTF-8 with a byte order mark: Inno Setup 6 reads it as Unicode.

#define AppName "ParcDesk"
#define AppExe "parcdesk.exe"
; /DBundle=<folder> takes the bundle from elsewhere (`make windows` keeps its Windows bundle in
; dist\windows\parcdesk, beside the Linux one).
#ifndef Bundle
  #define Bundle AddBackslash(SourcePath) + "..\dist\parcdesk"
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#endif

[Setup]
; The AppId ties every later version's installer to this one (upgrade in place); never change it.
AppId={{6F1B7C2E-3E0A-4C55-9B8E-0B5E2F4D7A91}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ParcDesk
AppComments=Theo dõi kế hoạch cải cách hành chính cấp xã
VersionInfoDescription=Trình cài đặt ParcDesk
VersionInfoProductName=ParcDesk
; per user, no administrator rights: {autopf} is then %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
DefaultDirName={autopf}\ParcDesk
DefaultGroupName=ParcDesk
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=no
SetupIconFile=..\resources\icons\parcdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\dist\installer
OutputBaseFilename=ParcDesk-{#AppVersion}-cai-dat
Compression=lzma2/max
SolidCompression=yes
; an upgrade closes a running ParcDesk (Restart Manager) before replacing its files
CloseApplications=yes
RestartApplications=no

[Languages]
; Inno Setup 6.5 ships a Vietnamese translation; older ones do not (it was among the unofficial
; ones, Languages\Unofficial\Vietnamese.isl, not installed by the setup). Either way
; Vietnamese-ParcDesk.isl, read last, gives the Vietnamese of every page an officer sees here
; and ParcDesk's own messages.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl,Vietnamese-ParcDesk.isl"
#else
Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese-ParcDesk.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program's library folder whole, so no file of the old version lingers.
; Only the program's own folder: never the data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\ParcDesk"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\ParcDesk"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,ParcDesk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only the files it installed. The office's data
; (%LOCALAPPDATA%\ParcDesk, or du-lieu\ in portable mode) is kept, and the officer is told where.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Where: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    Where := ExpandConstant('{localappdata}\ParcDesk');
    if DirExists(ExpandConstant('{app}\du-lieu')) then
      Where := Where + #13#10 + ExpandConstant('{app}\du-lieu');
    MsgBox(FmtMessage(CustomMessage('DataKept'), [Where]), mbInformation, MB_OK);
  end;
end;
