<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LabelTools</name>
    <message>
        <source>Threshold Fill</source>
        <translation>阈值填充</translation>
    </message>
    <message>
        <source>Grow Region from Crosshair</source>
        <translation>从十字线处区域生长</translation>
    </message>
    <message>
        <source>Fill Between Slices</source>
        <translation>层间填充</translation>
    </message>
    <message>
        <source>Keep Largest Island</source>
        <translation>保留最大连通区</translation>
    </message>
    <message>
        <source>Remove Small Islands…</source>
        <translation>移除小连通区…</translation>
    </message>
    <message>
        <source>Remove Small Islands</source>
        <translation>移除小连通区</translation>
    </message>
    <message>
        <source>Remove islands smaller than (mm³):</source>
        <translation>移除小于此体积的连通区（立方毫米）：</translation>
    </message>
    <message>
        <source>Labels from AI Result</source>
        <translation>从 AI 结果生成标签</translation>
    </message>
    <message>
        <source>Open an annotation project first (Annotate menu).</source>
        <translation>请先打开标注项目（标注菜单）。</translation>
    </message>
    <message>
        <source>The labels are still loading.</source>
        <translation>标签仍在加载。</translation>
    </message>
    <message>
        <source>No slice view shows the volume.</source>
        <translation>没有断层视图显示该容积。</translation>
    </message>
    <message>
        <source>The AI label map shown lists no segments.</source>
        <translation>所显示的 AI 标签图没有列出任何分割结构。</translation>
    </message>
    <message>
        <source>Show an AI label map or heatmap first (Findings panel).</source>
        <translation>请先显示 AI 标签图或热图（发现面板）。</translation>
    </message>
    <message>
        <source>The project has no label to draw.</source>
        <translation>项目中没有可绘制的标签。</translation>
    </message>
    <message>
        <source>Import Labels…</source>
        <translation>导入标签…</translation>
    </message>
    <message>
        <source>Import Labels</source>
        <translation>导入标签</translation>
    </message>
    <message>
        <source>Label maps and DICOM SEG (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;All files (*)</source>
        <translation>标签图和 DICOM SEG (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>MeasurementText</name>
    <message>
        <source>%1 mm</source>
        <translation>%1 毫米</translation>
    </message>
    <message>
        <source>%1°</source>
        <translation>%1°</translation>
    </message>
    <message>
        <source>Area %1 mm²
no voxels</source>
        <translation>面积 %1 平方毫米
无体素</translation>
    </message>
    <message>
        <source>Mean %1, SD %2
Min %3, Max %4
Area %5 mm²</source>
        <translation>均值 %1，标准差 %2
最小 %3，最大 %4
面积 %5 平方毫米</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>角度</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>ResultLegend</name>
    <message>
        <source>Heatmap</source>
        <translation>热图</translation>
    </message>
</context>
<context>
    <name>ShortcutTable</name>
    <message>
        <source>Wheel, ↑ ↓</source>
        <translation>滚轮，↑ ↓</translation>
    </message>
    <message>
        <source>Next or previous slice</source>
        <translation>下一层或上一层</translation>
    </message>
    <message>
        <source>Page Up, Page Down</source>
        <translation>Page Up、Page Down</translation>
    </message>
    <message>
        <source>Ten slices on or back</source>
        <translation>前进或后退十层</translation>
    </message>
    <message>
        <source>Ctrl + wheel</source>
        <translation>Ctrl + 滚轮</translation>
    </message>
    <message>
        <source>Zoom about the mouse</source>
        <translation>以鼠标为中心缩放</translation>
    </message>
    <message>
        <source>Right drag</source>
        <translation>右键拖动</translation>
    </message>
    <message>
        <source>Window/level (zoom in the Zoom tool)</source>
        <translation>窗宽/窗位（缩放工具中为缩放）</translation>
    </message>
    <message>
        <source>Middle drag</source>
        <translation>中键拖动</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Double click</source>
        <translation>双击</translation>
    </message>
    <message>
        <source>Show the view alone, or the layout again</source>
        <translation>单独显示该视图，或恢复布局</translation>
    </message>
    <message>
        <source>Drag a measurement&apos;s handle</source>
        <translation>拖动测量的控制点</translation>
    </message>
    <message>
        <source>Edit the measurement</source>
        <translation>编辑测量</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel the measurement being drawn</source>
        <translation>取消正在绘制的测量</translation>
    </message>
    <message>
        <source>3D view: left, middle, right drag</source>
        <translation>三维视图：左键、中键、右键拖动</translation>
    </message>
    <message>
        <source>Rotate, pan, zoom</source>
        <translation>旋转、平移、缩放</translation>
    </message>
    <message>
        <source>Keyboard and Mouse</source>
        <translation>键盘和鼠标</translation>
    </message>
    <message>
        <source>Key or gesture</source>
        <translation>按键或手势</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>SliceOverlay</name>
    <message>
        <source>Thickness %1 mm</source>
        <translation>层厚 %1 毫米</translation>
    </message>
    <message>
        <source>%1 %2 mm</source>
        <translation>%1 %2 毫米</translation>
    </message>
    <message>
        <source>%1 %2 / %3</source>
        <translation>%1 %2 / %3</translation>
    </message>
    <message>
        <source>Position %1 mm</source>
        <translation>位置 %1 毫米</translation>
    </message>
    <message>
        <source>W %1 L %2</source>
        <translation>窗宽 %1 窗位 %2</translation>
    </message>
    <message>
        <source> inverted</source>
        <translation> 反相</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
    <message>
        <source>%1 mm</source>
        <translation>%1 毫米</translation>
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
    <message>
        <source>The values given are not valid.</source>
        <translation>给定的值无效。</translation>
    </message>
</context>
<context>
    <name>lumen::app::AnalysisStatus</name>
    <message>
        <source>Stop AI</source>
        <translation>停止 AI</translation>
    </message>
    <message>
        <source>Cancel every model run queued or running</source>
        <translation>取消所有排队或正在运行的模型任务</translation>
    </message>
    <message>
        <source>AI:</source>
        <translation>AI：</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n 个排队中</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lumen::app::AnnotationControls</name>
    <message>
        <source>&amp;Annotate</source>
        <translation>标注(&amp;A)</translation>
    </message>
    <message>
        <source>Open Annotation Project…</source>
        <translation>打开标注项目…</translation>
    </message>
    <message>
        <source>Active Label</source>
        <translation>当前标签</translation>
    </message>
    <message>
        <source>Larger Brush</source>
        <translation>放大画笔</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>缩小画笔</translation>
    </message>
    <message numerus="yes">
        <source>%n label change(s) Lumen had not saved when it stopped were restored.</source>
        <translation>
            <numerusform>已恢复 Lumen 停止时尚未保存的 %n 处标签更改。</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels restored</source>
        <translation>标签已恢复</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Open Annotation Project</source>
        <translation>打开标注项目</translation>
    </message>
    <message>
        <source>Annotation project</source>
        <translation>标注项目</translation>
    </message>
    <message>
        <source>The labels are still loading.</source>
        <translation>标签仍在加载。</translation>
    </message>
    <message>
        <source>Open an annotation project to draw labels (Annotate menu).</source>
        <translation>请先打开标注项目再绘制标签（标注菜单）。</translation>
    </message>
    <message>
        <source>New Annotation Project…</source>
        <translation>新建标注项目…</translation>
    </message>
    <message>
        <source>New Annotation Project: an empty folder for it</source>
        <translation>新建标注项目：为其选择一个空文件夹</translation>
    </message>
    <message>
        <source>Lesion</source>
        <translation>病灶</translation>
    </message>
    <message>
        <source>Export for Training…</source>
        <translation>导出为训练数据…</translation>
    </message>
    <message>
        <source>Your Name on Labels…</source>
        <translation>标签署名…</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标记</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n voxel(s) changed.</source>
        <translation>
            <numerusform>%1：已更改 %n 个体素。</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit Project Labels and Tags…</source>
        <translation>编辑项目标签和标记…</translation>
    </message>
    <message>
        <source>Open an annotation project first.</source>
        <translation>请先打开标注项目。</translation>
    </message>
    <message>
        <source>The project has no label to draw: add one (Annotate ▸ Edit Project Labels and Tags…).</source>
        <translation>项目中没有可绘制的标签：请添加一个（标注 ▸ 编辑项目标签和标记…）。</translation>
    </message>
    <message>
        <source>3D Brush (a Ball through Slices)</source>
        <translation>三维画笔（跨层球体）</translation>
    </message>
    <message>
        <source>Undo Annotation Edit</source>
        <translation>撤销标注编辑</translation>
    </message>
    <message>
        <source>Redo Annotation Edit</source>
        <translation>重做标注编辑</translation>
    </message>
</context>
<context>
    <name>lumen::app::AnnotationMemory</name>
    <message>
        <source>Unsaved labels</source>
        <translation>未保存的标签</translation>
    </message>
    <message numerus="yes">
        <source>Lumen stopped before saving label changes to %n image(s) of the annotation project in %1. Open the project and the first of them to restore the changes?</source>
        <translation>
            <numerusform>Lumen 停止前未保存位于 %1 的标注项目中 %n 幅图像的标签更改。是否打开该项目及其中第一幅图像以恢复这些更改？</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is lost when you say no: the changes stay in the project and come back when you open those images in it.</source>
        <translation>选择“否”也不会丢失任何内容：更改保留在项目中，在项目中打开这些图像时会恢复。</translation>
    </message>
    <message>
        <source>Your Name on Labels</source>
        <translation>标签署名</translation>
    </message>
    <message>
        <source>The name your labels are recorded under (empty: your user name):</source>
        <translation>记录标签时使用的姓名（留空则使用您的用户名）：</translation>
    </message>
</context>
<context>
    <name>lumen::app::CommandLine</name>
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
        <source>Runs a model over every volume found under the paths that it applies to, without a window, and prints findings, segment volumes, the files written and timings.</source>
        <translation>在不打开窗口的情况下，用模型处理路径下所有适用的容积，并输出发现、分割体积、写出的文件和耗时。</translation>
    </message>
    <message>
        <source>Run a model.</source>
        <translation>运行模型。</translation>
    </message>
    <message>
        <source>The model: a Lumen package, a TorchScript file with its .json manifest beside it, or a MONAI bundle folder.</source>
        <translation>模型：Lumen 模型包、旁边带 .json 清单的 TorchScript 文件，或 MONAI bundle 文件夹。</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>auto (CUDA when present), cpu or cuda.</source>
        <translation>auto（有 CUDA 时使用 CUDA）、cpu 或 cuda。</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Write heatmaps and label maps as NIfTI files into this folder.</source>
        <translation>将热图和标签图以 NIfTI 文件写入此文件夹。</translation>
    </message>
    <message>
        <source>infer needs a path.</source>
        <translation>infer 需要一个路径。</translation>
    </message>
    <message>
        <source>infer needs --model.</source>
        <translation>infer 需要 --model。</translation>
    </message>
    <message>
        <source>--device must be auto, cpu or cuda, not %1.</source>
        <translation>--device 必须是 auto、cpu 或 cuda，而不是 %1。</translation>
    </message>
    <message>
        <source>Evaluate a model.</source>
        <translation>评估模型。</translation>
    </message>
    <message>
        <source>The model package.</source>
        <translation>模型包。</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>Where to write the HTML report (default evaluation.html).</source>
        <translation>HTML 报告的写入位置（默认 evaluation.html）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>evaluate needs one model.</source>
        <translation>evaluate 需要一个模型。</translation>
    </message>
    <message>
        <source>--set must be at least 1 and --size 32 to 8192.</source>
        <translation>--set 至少为 1，--size 须在 32 到 8192 之间。</translation>
    </message>
    <message>
        <source>Writes Lumen&apos;s demo studies as DICOM (a chest CT and three chest radiographs of fictitious patients, all synthetic), adds them to the study list and installs the demo models.</source>
        <translation>以 DICOM 格式写出 Lumen 的演示检查（虚构患者的一例胸部 CT 和三张胸片，全部为合成数据），将其加入检查列表并安装演示模型。</translation>
    </message>
    <message>
        <source>Set up the demo.</source>
        <translation>设置演示。</translation>
    </message>
    <message>
        <source>Directory to write into (default: demo in Lumen&apos;s data folder).</source>
        <translation>输出目录（默认：Lumen 数据文件夹中的 demo）。</translation>
    </message>
    <message>
        <source>Evaluates a demo model on Lumen&apos;s synthetic test cases (never used in training): a chest radiograph classifier per finding (AUC, accuracy, sensitivity, specificity and F1 at the model&apos;s threshold, heatmap localisation, ROC curves), a nodule segmenter on chest CTs (Dice per nodule size band, detection sensitivity at one false positive per scan); writes an HTML report with the plots.</source>
        <translation>在 Lumen 的合成测试病例（从未用于训练）上评估演示模型：胸片分类模型按每项发现给出 AUC、在模型阈值下的准确率、敏感度、特异度和 F1、热图定位及 ROC 曲线；结节分割模型在胸部 CT 上给出各结节大小区间的 Dice 以及每次扫描一个假阳性时的检出敏感度；写出带图表的 HTML 报告。</translation>
    </message>
    <message>
        <source>How many test cases (default 500 radiographs or 20 CTs).</source>
        <translation>测试病例数（默认 500 张胸片或 20 例 CT）。</translation>
    </message>
    <message>
        <source>Width and height of the test radiographs (default 2048).</source>
        <translation>测试胸片的宽度和高度（默认 2048）。</translation>
    </message>
    <message>
        <source>Exports an annotation project as training data, de-identified: NIfTI images and label maps with dataset.json (nnU-Net, MONAI), or DICOM SEG with the series&apos; images, or the tags, boxes and points as CSV and JSON.</source>
        <translation>将标注项目导出为去标识化的训练数据：NIfTI 图像和标签图及 dataset.json（nnU-Net、MONAI），或 DICOM SEG 及其序列图像，或以 CSV 和 JSON 导出标签、框和点。</translation>
    </message>
    <message>
        <source>Export a project.</source>
        <translation>导出项目。</translation>
    </message>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>The annotation project&apos;s folder.</source>
        <translation>标注项目的文件夹。</translation>
    </message>
    <message>
        <source>nifti, seg or tables.</source>
        <translation>nifti、seg 或 tables。</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>The folder to write.</source>
        <translation>写入的文件夹。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Also write the mapping back to patients and studies to this file, for re-identification; keep it local.</source>
        <translation>同时将回溯到患者和检查的映射写入此文件，用于重新识别；请仅在本地保存。</translation>
    </message>
    <message>
        <source>export needs one project.</source>
        <translation>export 需要一个项目。</translation>
    </message>
    <message>
        <source>export needs --format nifti, seg or tables, and --out.</source>
        <translation>export 需要 --format nifti、seg 或 tables，以及 --out。</translation>
    </message>
    <message>
        <source>Lumen, a radiology workstation. Opens DICOM files, folders and DICOMDIRs, and NIfTI, NRRD and MetaImage volumes.
Commands: demo [--out DIR] writes and imports the demo studies and models;
info PATH… [--json] describes the volumes found;
infer PATH… --model M [--device auto|cpu|cuda] [--json] [--heatmaps DIR] runs a model over them;
evaluate MODEL [--set N] [--size PIXELS] [--report FILE] measures a demo model on synthetic test cases;
export PROJECT --format nifti|seg|tables --out DIR [--mapping FILE] exports annotations as de-identified training data.</source>
        <translation>Lumen 放射影像工作站。可打开 DICOM 文件、文件夹和 DICOMDIR，以及 NIfTI、NRRD 和 MetaImage 容积。
命令：demo [--out 目录] 写出并导入演示检查和模型；
info 路径… [--json] 描述找到的容积；
infer 路径… --model 模型 [--device auto|cpu|cuda] [--json] [--heatmaps 目录] 用模型处理这些容积；
evaluate 模型 [--set N] [--size 像素] [--report 文件] 在合成测试病例上衡量演示模型；
export 项目 --format nifti|seg|tables --out 目录 [--mapping 文件] 将标注导出为去标识化的训练数据。</translation>
    </message>
</context>
<context>
    <name>lumen::app::ExportDialog</name>
    <message>
        <source>Export for Training</source>
        <translation>导出为训练数据</translation>
    </message>
    <message>
        <source>NIfTI images and labels for nnU-Net and MONAI</source>
        <translation>用于 nnU-Net 和 MONAI 的 NIfTI 图像和标签</translation>
    </message>
    <message>
        <source>DICOM SEG with its images</source>
        <translation>DICOM SEG 及其图像</translation>
    </message>
    <message>
        <source>Tags, boxes and points (CSV and JSON)</source>
        <translation>标记、框和点（CSV 和 JSON）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Also write the re-identification mapping to:</source>
        <translation>同时将重新识别映射写入：</translation>
    </message>
    <message>
        <source>Images and labels are de-identified (DICOM PS3.15 Basic Profile, dates shifted per patient). The mapping links the cases back to patients: keep it inside the hospital.</source>
        <translation>图像和标签均已去标识化（DICOM PS3.15 基本配置文件，按患者平移日期）。映射可将病例关联回患者：请仅在医院内部保存。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Into the folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Re-identification mapping</source>
        <translation>重新识别映射</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Open an annotation project first.</source>
        <translation>请先打开标注项目。</translation>
    </message>
    <message>
        <source>Choose the folder to export into.</source>
        <translation>请选择导出的目标文件夹。</translation>
    </message>
    <message>
        <source>Choose where to write the mapping, or do not write one.</source>
        <translation>请选择映射的写入位置，或不写映射。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>
Problems:
</source>
        <translation>
问题：
</translation>
    </message>
</context>
<context>
    <name>lumen::app::FindingsPanel</name>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Run Models</source>
        <translation>运行模型</translation>
    </message>
    <message>
        <source>Run the enabled models on the volume shown</source>
        <translation>在当前显示的容积上运行已启用的模型</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>热图不透明度</translation>
    </message>
    <message>
        <source>Heatmap cut-off</source>
        <translation>热图下限</translation>
    </message>
    <message>
        <source>%1; operating threshold %2; %3</source>
        <translation>%1；工作阈值 %2；%3</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>阴性</translation>
    </message>
    <message>
        <source>%1 ml</source>
        <translation>%1 毫升</translation>
    </message>
    <message>
        <source>Not for clinical use.</source>
        <translation>非临床用途。</translation>
    </message>
    <message>
        <source>Intended use:</source>
        <translation>预期用途：</translation>
    </message>
    <message>
        <source>Ran on %1 in %2 s (%3)</source>
        <translation>在 %1 上运行，用时 %2 秒（%3）</translation>
    </message>
    <message>
        <source>Result of %1</source>
        <translation>结果时间 %1</translation>
    </message>
    <message>
        <source>%1 %2: %3 mm</source>
        <translation>%1 %2：%3 毫米</translation>
    </message>
    <message>
        <source>%1 mm³</source>
        <translation>%1 立方毫米</translation>
    </message>
    <message>
        <source>Longest diameter %1 mm, volume %2 mm³; select to go to it</source>
        <translation>最长径 %1 毫米，体积 %2 立方毫米；选中即可跳转</translation>
    </message>
    <message numerus="yes">
        <source>%n smaller region(s) not listed</source>
        <translation>
            <numerusform>另有 %n 个较小区域未列出</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluation:</source>
        <translation>评估：</translation>
    </message>
</context>
<context>
    <name>lumen::app::LabelPanel</name>
    <message>
        <source>The selected label is the one the tools draw (keys 1–9); unchecked labels are hidden</source>
        <translation>所选标签即工具绘制的标签（按键 1–9）；未勾选的标签将隐藏</translation>
    </message>
    <message>
        <source>Outline only</source>
        <translation>仅显示轮廓</translation>
    </message>
    <message>
        <source>The brush paints only inside the range</source>
        <translation>画笔仅在范围内绘制</translation>
    </message>
    <message>
        <source>Intensity range</source>
        <translation>强度范围</translation>
    </message>
    <message>
        <source>In the image&apos;s units (HU for CT): for the threshold brush, threshold fill and region growing</source>
        <translation>以图像单位表示（CT 为 HU）：用于阈值画笔、阈值填充和区域生长</translation>
    </message>
    <message>
        <source>Fill opacity</source>
        <translation>填充不透明度</translation>
    </message>
    <message>
        <source>%1 (study)</source>
        <translation>%1（检查）</translation>
    </message>
    <message>
        <source>Tags of the image shown (or of its study); F1–F9 set them</source>
        <translation>所显示图像（或其检查）的标记；F1–F9 可设置</translation>
    </message>
    <message>
        <source>The fill opacity of the selected label</source>
        <translation>所选标签的填充不透明度</translation>
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
    <message>
        <source>Measurements</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>3D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>&amp;Keyboard and Mouse</source>
        <translation>键盘和鼠标(&amp;K)</translation>
    </message>
    <message>
        <source>LPS %1, %2, %3 mm</source>
        <translation>LPS %1, %2, %3 毫米</translation>
    </message>
    <message>
        <source>  voxel %1, %2, %3  value %4</source>
        <translation>  体素 %1, %2, %3  值 %4</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Model %1 installed.</source>
        <translation>模型 %1 已安装。</translation>
    </message>
    <message>
        <source>Model not installed</source>
        <translation>模型未安装</translation>
    </message>
    <message>
        <source>%1 was not installed: %2</source>
        <translation>%1 未安装：%2</translation>
    </message>
    <message>
        <source>The model settings could not be saved: %1</source>
        <translation>无法保存模型设置：%1</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Install Model &amp;File…</source>
        <translation>安装模型文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Install MONAI &amp;Bundle…</source>
        <translation>安装 MONAI Bundle(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Manage Models…</source>
        <translation>管理模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Run Models on This Volume</source>
        <translation>在此容积上运行模型(&amp;R)</translation>
    </message>
    <message>
        <source>Show AI &amp;Overlays</source>
        <translation>显示 AI 叠加层(&amp;O)</translation>
    </message>
    <message numerus="yes">
        <source>The models have read %n more volume(s) of the folder.</source>
        <translation>
            <numerusform>模型已读取该文件夹中另外 %n 个容积。</numerusform>
        </translation>
    </message>
    <message>
        <source>Series %1 is no longer in the study database.</source>
        <translation>序列 %1 已不在检查数据库中。</translation>
    </message>
    <message>
        <source>Next Image</source>
        <translation>下一幅图像</translation>
    </message>
    <message>
        <source>Previous Image</source>
        <translation>上一幅图像</translation>
    </message>
    <message>
        <source>No more images in the study list.</source>
        <translation>检查列表中没有更多图像。</translation>
    </message>
</context>
<context>
    <name>lumen::app::MeasurementPanel</name>
    <message>
        <source>Measurement</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected measurement (Delete)</source>
        <translation>删除所选测量（Delete）</translation>
    </message>
    <message>
        <source>Delete Measurement</source>
        <translation>删除测量</translation>
    </message>
</context>
<context>
    <name>lumen::app::ModelsDialog</name>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>segmentation</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>detection</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Run the enabled models on every volume opened</source>
        <translation>在每个打开的容积上运行已启用的模型</translation>
    </message>
    <message>
        <source>Install Model File…</source>
        <translation>安装模型文件…</translation>
    </message>
    <message>
        <source>Install MONAI Bundle…</source>
        <translation>安装 MONAI Bundle…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Installed %1.</source>
        <translation>已安装 %1。</translation>
    </message>
    <message>
        <source>%1 was not installed: %2</source>
        <translation>%1 未安装：%2</translation>
    </message>
    <message>
        <source>Cannot be used: %1</source>
        <translation>无法使用：%1</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>any modality</source>
        <translation>任意模态</translation>
    </message>
    <message>
        <source>any body part</source>
        <translation>任意部位</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <source>Remove %1 from this computer? Its results stored with the studies are removed too.</source>
        <translation>从本机移除 %1？与检查一起保存的结果也将被移除。</translation>
    </message>
    <message>
        <source>Install a model</source>
        <translation>安装模型</translation>
    </message>
    <message>
        <source>TorchScript models (*.pt *.ts);;All files (*)</source>
        <translation>TorchScript 模型 (*.pt *.ts);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Install a MONAI bundle folder</source>
        <translation>安装 MONAI bundle 文件夹</translation>
    </message>
</context>
<context>
    <name>lumen::app::ProjectDialog</name>
    <message>
        <source>Project Labels and Tags</source>
        <translation>项目标签和标记</translation>
    </message>
    <message>
        <source>New Annotation Project</source>
        <translation>新建标注项目</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Category (DICOM SEG)</source>
        <translation>类别（DICOM SEG）</translation>
    </message>
    <message>
        <source>Type (DICOM SEG)</source>
        <translation>类型（DICOM SEG）</translation>
    </message>
    <message>
        <source>Coded concepts as scheme, code and meaning, e.g. category &quot;SCT 49755003 Morphologically abnormal structure&quot;, type &quot;SCT 27925004 Nodule&quot;. Double-click a colour to change it.</source>
        <translation>编码概念依次为编码体系、代码和含义，例如类别“SCT 49755003 Morphologically abnormal structure”，类型“SCT 27925004 Nodule”。双击颜色可更改。</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Of the whole study</source>
        <translation>针对整个检查</translation>
    </message>
    <message>
        <source>Add Label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Remove Label</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Only labels added now: label maps hold the others</source>
        <translation>仅限本次添加的标签：其他标签已存在于标签图中</translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation>添加标记</translation>
    </message>
    <message>
        <source>Remove Tag</source>
        <translation>移除标记</translation>
    </message>
    <message>
        <source>Tags the project already has stay: annotations may hold them.</source>
        <translation>项目已有的标记不能移除：标注中可能用到它们。</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>A project holds at most 255 labels.</source>
        <translation>一个项目最多包含 255 个标签。</translation>
    </message>
    <message>
        <source>Labels the project already has stay: label maps may hold them.</source>
        <translation>项目已有的标签不能移除：标签图中可能包含它们。</translation>
    </message>
    <message>
        <source>The project needs a name.</source>
        <translation>项目需要一个名称。</translation>
    </message>
</context>
<context>
    <name>lumen::app::ReadingMenus</name>
    <message>
        <source>Brain</source>
        <translation>脑</translation>
    </message>
    <message>
        <source>Subdural</source>
        <translation>硬膜下</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>卒中</translation>
    </message>
    <message>
        <source>Lung</source>
        <translation>肺</translation>
    </message>
    <message>
        <source>Mediastinum</source>
        <translation>纵隔</translation>
    </message>
    <message>
        <source>Abdomen</source>
        <translation>腹部</translation>
    </message>
    <message>
        <source>Liver</source>
        <translation>肝</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>骨</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅片</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>窗口(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Layout</source>
        <translation>布局(&amp;L)</translation>
    </message>
    <message>
        <source>Crosshair</source>
        <translation>十字线</translation>
    </message>
    <message>
        <source>Window/Level</source>
        <translation>窗宽/窗位</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>角度</translation>
    </message>
    <message>
        <source>Ellipse ROI</source>
        <translation>椭圆 ROI</translation>
    </message>
    <message>
        <source>Rectangle ROI</source>
        <translation>矩形 ROI</translation>
    </message>
    <message>
        <source>Show Crosshair</source>
        <translation>显示十字线</translation>
    </message>
    <message>
        <source>Show Text Overlay</source>
        <translation>显示文字叠加</translation>
    </message>
    <message>
        <source>Reset Views</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Save Screenshot of View…</source>
        <translation>保存视图截图…</translation>
    </message>
    <message>
        <source>Save Screenshot of Layout…</source>
        <translation>保存布局截图…</translation>
    </message>
    <message>
        <source>CT Presets</source>
        <translation>CT 预设</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>From the Image</source>
        <translation>来自图像</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反相</translation>
    </message>
    <message>
        <source>Header window</source>
        <translation>文件头窗口</translation>
    </message>
    <message>
        <source>Automatic, from the histogram (%1)</source>
        <translation>自动，根据直方图（%1）</translation>
    </message>
    <message>
        <source>1 × 1</source>
        <translation>1 × 1</translation>
    </message>
    <message>
        <source>1 × 3</source>
        <translation>1 × 3</translation>
    </message>
    <message>
        <source>2 × 2</source>
        <translation>2 × 2</translation>
    </message>
    <message>
        <source>Slab </source>
        <translation>厚层 </translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>MIP</source>
        <translation>MIP</translation>
    </message>
    <message>
        <source>MinIP</source>
        <translation>MinIP</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Thick-slab projection</source>
        <translation>厚层投影</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> 毫米</translation>
    </message>
    <message>
        <source>Slab thickness</source>
        <translation>厚层厚度</translation>
    </message>
    <message>
        <source>Cine</source>
        <translation>电影</translation>
    </message>
    <message>
        <source>Play through the slices of the active view (Space)</source>
        <translation>逐层播放当前视图（空格）</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>Cine frame rate</source>
        <translation>电影帧率</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>The screenshot could not be written to %1.</source>
        <translation>无法将截图写入 %1。</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>框</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Outline Fill</source>
        <translation>轮廓填充</translation>
    </message>
</context>
<context>
    <name>lumen::app::StudyAnalysis</name>
    <message>
        <source>Cannot be used: %1</source>
        <translation>无法使用：%1</translation>
    </message>
    <message>
        <source>Does not apply: %1</source>
        <translation>不适用：%1</translation>
    </message>
    <message>
        <source>Queued…</source>
        <translation>排队中…</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>Stopped; Run Models runs it again.</source>
        <translation>已停止；“运行模型”可重新运行。</translation>
    </message>
    <message>
        <source>Running… %1 %</source>
        <translation>运行中… %1 %</translation>
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
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>The highest probability of any finding of the installed models; ⚑ when a finding is positive. Sort by it to read the most suspicious studies first.</source>
        <translation>已安装模型所有发现中的最高概率；有阳性发现时显示 ⚑。按此列排序可先阅读最可疑的检查。</translation>
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
    <name>lumen::widgets::ViewCell</name>
    <message>
        <source>3D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
</context>
<context>
    <name>lumen::widgets::VolumeControls</name>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Shading</source>
        <translation>光照</translation>
    </message>
    <message>
        <source>Light the volume&apos;s surfaces</source>
        <translation>为容积表面加光照</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>Show only the inside of the crop box</source>
        <translation>只显示裁剪框内部</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Front view, the whole volume in sight</source>
        <translation>正面视图，显示整个容积</translation>
    </message>
    <message>
        <source>CT bone</source>
        <translation>CT 骨</translation>
    </message>
    <message>
        <source>CT soft tissue</source>
        <translation>CT 软组织</translation>
    </message>
    <message>
        <source>CT lung</source>
        <translation>CT 肺</translation>
    </message>
    <message>
        <source>CT angio</source>
        <translation>CT 血管</translation>
    </message>
    <message>
        <source>MR default</source>
        <translation>MR 默认</translation>
    </message>
    <message>
        <source>MIP</source>
        <translation>MIP</translation>
    </message>
    <message>
        <source>R</source>
        <translation>右</translation>
    </message>
    <message>
        <source>A</source>
        <translation>前</translation>
    </message>
    <message>
        <source>I</source>
        <translation>下</translation>
    </message>
    <message>
        <source>L</source>
        <translation>左</translation>
    </message>
    <message>
        <source>P</source>
        <translation>后</translation>
    </message>
    <message>
        <source>S</source>
        <translation>上</translation>
    </message>
    <message>
        <source>Crop from the %1 side</source>
        <translation>从%1侧裁剪</translation>
    </message>
</context>
</TS>
