; ParcDesk: the Vietnamese of the installer's pages and of ParcDesk's own messages.
; Read after Default.isl (English) or after Inno Setup's own Vietnamese.isl (6.5 and later);
; every message named here replaces theirs. Saved as UTF-8 with a byte order mark.
; Only message names that every Inno Setup 6 has are used here.

[LangOptions]
LanguageName=Tiếng Việt
LanguageID=$042A
LanguageCodePage=0

[Messages]
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt %1
UninstallAppTitle=Gỡ cài đặt
UninstallAppFullTitle=Gỡ cài đặt %1
InformationTitle=Thông báo
ConfirmTitle=Xác nhận
ErrorTitle=Lỗi
SetupAppRunningError=%1 đang mở.%n%nHãy đóng chương trình rồi bấm "Đồng ý" để tiếp tục, hoặc "Hủy" để thoát.
UninstallAppRunningError=%1 đang mở.%n%nHãy đóng chương trình rồi bấm "Đồng ý" để tiếp tục, hoặc "Hủy" để thoát.
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Chưa cài đặt xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nCó thể chạy lại tệp cài đặt lúc khác.%n%nThoát cài đặt?
ButtonBack=< &Quay lại
ButtonNext=&Tiếp tục >
ButtonInstall=&Cài đặt
ButtonOK=Đồng ý
ButtonCancel=Hủy
ButtonYes=&Có
ButtonNo=&Không
ButtonFinish=&Xong
ButtonBrowse=&Chọn thư mục…
ButtonWizardBrowse=C&họn thư mục…
ButtonNewFolder=&Tạo thư mục mới
ClickNext=Bấm "Tiếp tục" để tiếp tục, hoặc "Hủy" để thoát.
BrowseDialogTitle=Chọn thư mục
BrowseDialogLabel=Chọn một thư mục trong danh sách rồi bấm "Đồng ý".
NewFolderName=Thư mục mới
WelcomeLabel1=Cài đặt [name]
WelcomeLabel2=Chương trình sẽ cài [name/ver] cho tài khoản Windows này; không cần quyền quản trị.%n%nNên đóng các chương trình khác trước khi tiếp tục.
WizardSelectDir=Nơi cài chương trình
SelectDirDesc=Cài [name] vào đâu?
SelectDirLabel3=[name] sẽ được cài vào thư mục sau.
SelectDirBrowseLabel=Bấm "Tiếp tục" để dùng thư mục này; muốn chọn thư mục khác thì bấm "Chọn thư mục…".
DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng trống.
DirExistsTitle=Thư mục đã có
DirExists=Thư mục%n%n%1%n%nđã có. Vẫn cài vào thư mục này?
DiskSpaceWarningTitle=Không đủ dung lượng
DiskSpaceWarning=Cần ít nhất %1 KB dung lượng trống để cài, nhưng ổ đĩa đã chọn chỉ còn %2 KB.%n%nVẫn tiếp tục?
WizardSelectTasks=Lối tắt
SelectTasksDesc=Tạo thêm lối tắt nào?
SelectTasksLabel2=Chọn những việc cần làm thêm khi cài [name], rồi bấm "Tiếp tục".
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Đã sẵn sàng cài [name] vào máy.
ReadyLabel2a=Bấm "Cài đặt" để bắt đầu, hoặc "Quay lại" để xem lại các lựa chọn.
ReadyLabel2b=Bấm "Cài đặt" để bắt đầu.
ReadyMemoDir=Thư mục cài đặt:
ReadyMemoTasks=Việc làm thêm:
WizardPreparing=Chuẩn bị cài đặt
PreparingDesc=Đang chuẩn bị cài [name] vào máy.
ApplicationsFound=Các chương trình sau đang dùng những tệp cần thay. Nên để trình cài đặt tự đóng chúng.
ApplicationsFound2=Các chương trình sau đang dùng những tệp cần thay. Nên để trình cài đặt tự đóng chúng; cài xong sẽ mở lại.
CloseApplications=&Tự đóng các chương trình này
DontCloseApplications=&Không đóng
ErrorCloseApplications=Không tự đóng được mọi chương trình. Hãy đóng ParcDesk và các chương trình đang dùng tệp của nó rồi tiếp tục.
WizardInstalling=Đang cài đặt
InstallingLabel=Xin chờ trong khi [name] được cài vào máy.
FinishedHeadingLabel=Đã cài xong [name]
FinishedLabelNoIcons=Đã cài xong [name].
FinishedLabel=Đã cài xong [name]. Mở chương trình từ menu Start hoặc lối tắt trên màn hình.%n%nDữ liệu của đơn vị được lưu riêng cho tài khoản này, không mất khi cài lại hay cập nhật.
ClickFinish=Bấm "Xong" để đóng trình cài đặt.
RunEntryExec=Mở %1
SetupAborted=Chưa cài đặt xong.%n%nHãy khắc phục lỗi rồi chạy lại tệp cài đặt.
StatusClosingApplications=Đang đóng các chương trình…
StatusCreateDirs=Đang tạo thư mục…
StatusExtractFiles=Đang chép tệp…
StatusCreateIcons=Đang tạo lối tắt…
StatusCreateRegistryEntries=Đang ghi thông tin cài đặt…
StatusSavingUninstall=Đang lưu thông tin để gỡ cài đặt…
StatusRunProgram=Đang hoàn tất…
StatusRollback=Đang hoàn lại các thay đổi…
ConfirmUninstall=Gỡ %1 khỏi máy?%n%nDữ liệu của đơn vị (kế hoạch, tiến độ, báo cáo, tài liệu kiểm chứng) được giữ nguyên.
UninstallStatusLabel=Xin chờ trong khi %1 được gỡ khỏi máy.
UninstalledAll=Đã gỡ %1 khỏi máy.
UninstalledMost=Đã gỡ %1.%n%nCòn vài mục không xóa được; có thể tự xóa.
WizardUninstalling=Gỡ cài đặt
StatusUninstalling=Đang gỡ %1…

[CustomMessages]
NameAndVersion=%1 phiên bản %2
AdditionalIcons=Lối tắt:
CreateDesktopIcon=Tạo lối tắt trên &màn hình
UninstallProgram=Gỡ cài đặt %1
LaunchProgram=Mở %1 ngay
AppComment=Theo dõi kế hoạch cải cách hành chính cấp xã
DataKept=Dữ liệu của đơn vị vẫn được giữ nguyên tại:%n%n%1%n%nCài lại ParcDesk sẽ dùng tiếp dữ liệu này. Muốn xóa hẳn thì xóa thư mục trên (nên sao lưu trước).
