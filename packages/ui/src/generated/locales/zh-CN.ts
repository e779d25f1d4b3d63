
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's032cd9f1245d3645': `空格`,
's051a28063d86c1ba': `下一页候选字`,
's0677050b8264ebaf': `无数据`,
's06cff40512b9423d': `这些拼音没有对应的汉字`,
's079a052719914d71': `类别`,
's091d3d07b5b3076f': `确定`,
's0cc62ee43875a452': `上一页候选字`,
's187528426100c44e': `暂无数据`,
's1eaccbf2d6af8ab5': `提示`,
's20d58cacd786cc63': `正在生成二维码…`,
's23ff402aeb1af7a3': `已完成：`,
's271724dafede6c02': `网络已断开：`,
's30399c4413918a6b': `请输入密码`,
's427e18e6df8daf77': str`至少 ${0} 位`,
's43cbfd34b1b6f891': `大写字母`,
's45718401b8304a9d': str`共 ${0} 位`,
's4a00b1a76bb46122': `输入的文字`,
's52da599c2b382a64': `以图表显示`,
's5e2e9d5a6f7e69c3': `错误：`,
's5e8250fb85d64c23': `关闭`,
's66f26fdcbe2101eb': `图表`,
's6ebc9bd6feae62a3': `加载中…`,
's6fc16706fe4d3d53': `二维码生成失败，请重试。`,
's7301570d0bb8fc6d': `已完成。`,
's736157452e7fc7af': `出现问题，请重试。`,
's79ccf11815769a0d': `网络已断开，正在显示上次保存的信息。`,
's856453f39eb48463': `二维码`,
's9099d2f36dffade6': str`${0}：${1}–${2}`,
's96e5c35bd39ca045': `正在加载汉字…`,
's9d89fe601ff0f218': `屏幕键盘`,
'sb2608d92138dcae5': `汉字词库未能加载，请再点一个字母重试。`,
'sb4f1dffbb6be6302': `清除`,
'sc4388a24948f8403': `请输入号码`,
'sc50d09edf9325339': `对话框`,
'sc559d570cf81af87': `没有可生成二维码的内容。`,
'scd1dd6ff53d0d01a': `重试`,
'sd4e50d8aa012dc5c': `拼音`,
'sdc673e73b5c13aea': `删除`,
'se8e2a323445f865a': str`${0}。相同数据见表格。`,
'sea8d7d0743177112': str`已输入 ${0} 位`,
'sf05d9f2cb461bc10': `以表格显示`,
'sf1069e1f39ac304f': `尚未输入`,
'sf91ca8a2d30a3947': `链接过长，无法生成二维码。`,
'sfd5eecc98e3c74d2': `候选汉字`,
    };
  