<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>lumen::app</name>
    <message>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>The file type is not supported.</source>
        <translation>不支持该文件类型。</translation>
    </message>
    <message>
        <source>The image&apos;s voxel type is not supported.</source>
        <translation>不支持该图像的体素类型。</translation>
    </message>
    <message>
        <source>The image&apos;s geometry is invalid.</source>
        <translation>图像的几何信息无效。</translation>
    </message>
    <message>
        <source>The image is too large for this computer&apos;s memory.</source>
        <translation>图像过大，超出本机内存。</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>无法读取文件。</translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation>无法写入文件。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Unexpected error.</source>
        <translation>意外错误。</translation>
    </message>
    <message>
        <source>Only 2D and 3D images can be opened.</source>
        <translation>只能打开二维和三维图像。</translation>
    </message>
</context>
<context>
    <name>lumen::app::CommandLine</name>
    <message>
        <source>Writes Lumen&apos;s synthetic demo volume (no patient data).</source>
        <translation>写出 Lumen 的合成演示容积（不含患者数据）。</translation>
    </message>
    <message>
        <source>Write the demo volume.</source>
        <translation>写出演示容积。</translation>
    </message>
    <message>
        <source>Directory to write into (default: the current one).</source>
        <translation>输出目录（默认：当前目录）。</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>demo takes no file arguments.</source>
        <translation>demo 命令不接受文件参数。</translation>
    </message>
    <message>
        <source>Once the volume is shown, save the view layout to this PNG file and exit.</source>
        <translation>容积显示后，将视图布局保存为此 PNG 文件并退出。</translation>
    </message>
    <message>
        <source>png</source>
        <translation>png</translation>
    </message>
    <message>
        <source>files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Volume files to open.</source>
        <translation>要打开的容积文件。</translation>
    </message>
    <message>
        <source>[file…]</source>
        <translation>[文件…]</translation>
    </message>
    <message>
        <source>--screenshot needs a file to open.</source>
        <translation>--screenshot 需要指定要打开的文件。</translation>
    </message>
    <message>
        <source>Describes every volume found under the paths: DICOM files, folders and DICOMDIRs, NIfTI, NRRD and MetaImage files.</source>
        <translation>描述在这些路径下找到的每个容积：DICOM 文件、文件夹和 DICOMDIR，以及 NIfTI、NRRD 和 MetaImage 文件。</translation>
    </message>
    <message>
        <source>Describe volumes.</source>
        <translation>描述容积。</translation>
    </message>
    <message>
        <source>paths</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Files or folders.</source>
        <translation>文件或文件夹。</translation>
    </message>
    <message>
        <source>path…</source>
        <translation>路径…</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>输出 JSON。</translation>
    </message>
    <message>
        <source>info needs a path.</source>
        <translation>info 需要一个路径。</translation>
    </message>
    <message>
        <source>Lumen, a radiology workstation. Opens DICOM files, folders and DICOMDIRs, and NIfTI, NRRD and MetaImage volumes.
Commands: demo [--out DIR] writes the synthetic demo volume;
info PATH… [--json] describes the volumes found.</source>
        <translation>Lumen 放射影像工作站。可打开 DICOM 文件、文件夹和 DICOMDIR，以及 NIfTI、NRRD 和 MetaImage 容积。
命令：demo [--out 目录] 写出合成演示容积；
info 路径… [--json] 描述找到的容积。</translation>
    </message>
</context>
<context>
    <name>lumen::app::MainWindow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>已取消加载。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Lumen</source>
        <translation>Lumen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Lumen</source>
        <translation>关于 Lumen(&amp;A)</translation>
    </message>
    <message>
        <source>About Lumen</source>
        <translation>关于 Lumen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Lumen %1&lt;/h3&gt;&lt;p&gt;A radiology workstation with in-process AI.&lt;/p&gt;&lt;p&gt;Not for clinical use.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Lumen %1&lt;/h3&gt;&lt;p&gt;内置 AI 的放射影像工作站。&lt;/p&gt;&lt;p&gt;非临床用途。&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>%1 — %2 × %3 × %4 %5, %6 × %7 × %8 mm</source>
        <translation>%1 — %2 × %3 × %4 %5，%6 × %7 × %8 毫米</translation>
    </message>
    <message>
        <source>%1 — Lumen</source>
        <translation>%1 — Lumen</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Images (*.dcm DICOMDIR *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd);;All files (*)</source>
        <translation>图像 (*.dcm DICOMDIR *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open DICOM folder</source>
        <translation>打开 DICOM 文件夹</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): %1</source>
        <translation>
            <numerusform>%n 条警告：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read</source>
        <translation>
            <numerusform>%n 个文件无法读取</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more volume(s) found</source>
        <translation>
            <numerusform>另找到 %n 个容积</numerusform>
        </translation>
    </message>
    <message>
        <source>Studies</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>The study database could not be updated.</source>
        <translation>无法更新检查数据库。</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Import Folder into Lumen&apos;s Store…</source>
        <translation>导入文件夹到 Lumen 存储区(&amp;I)…</translation>
    </message>
    <message>
        <source>Copy a DICOM folder into Lumen</source>
        <translation>将 DICOM 文件夹复制到 Lumen</translation>
    </message>
</context>
<context>
    <name>lumen::app::StudyBrowser</name>
    <message>
        <source>Patient name or ID</source>
        <translation>患者姓名或 ID</translation>
    </message>
    <message>
        <source>From YYYYMMDD</source>
        <translation>起始 YYYYMMDD</translation>
    </message>
    <message>
        <source>To YYYYMMDD</source>
        <translation>截止 YYYYMMDD</translation>
    </message>
    <message>
        <source>Any modality</source>
        <translation>任意模态</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>模态</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Series %1</source>
        <translation>序列 %1</translation>
    </message>
    <message>
        <source>Remove study</source>
        <translation>移除检查</translation>
    </message>
    <message>
        <source>Remove the study of %1 from the list? Files Lumen did not copy stay where they are.</source>
        <translation>从列表中移除 %1 的检查？Lumen 未复制的文件保留在原处。</translation>
    </message>
</context>
<context>
    <name>lumen::widgets::SliceView</name>
    <message>
        <source>Axial</source>
        <translation>轴位</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>冠状位</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>矢状位</translation>
    </message>
</context>
<context>
    <name>lumen::widgets::VolumeView</name>
    <message>
        <source>3D</source>
        <translation>三维</translation>
    </message>
</context>
</TS>
