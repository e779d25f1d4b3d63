
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'ha17ab22962bd1971': html`<strong>${0}</strong> 秒后返回首页。`,
's0aea9cce8546b179': `请触摸屏幕继续使用，否则屏幕上的内容将被清除，留给下一位访客。`,
's1fa96bca92224298': `欢迎来到`,
's442648e43111b162': `长辈版`,
's4773ba3766d7a958': `正在启动…`,
's5792ca60fdbd77cc': `您还在吗？`,
's6abb1cd87fe0114e': `首页`,
's6bae8b1bf4b77a10': `我的健康档案`,
's76f0dd5ae828a9f1': `本终端提供：`,
's7ab79769d6bb783f': `您本人的健康档案：血压、血糖、体重、用药、疫苗和随访`,
's82a9243fb286d2fd': `无法打开此服务，请重试。`,
's85db3f783282d905': `找附近驿站`,
's9328d32a2fe72186': `最近的厕所、无障碍卫生间、母婴室、饮水和充电，并扫码带路`,
's9acdd350a5386b5c': `便民服务终端`,
's9c94e3d1d3ef33a3': `正在打开…`,
'saad19c8e93d1eb92': `一站一长`,
'sae1c7f13b7c0c47f': `开始`,
'sb994a5f0d033af26': `驿站有问题？请致电站长，电话也张贴在墙上。`,
'scfb650ed5515669c': `请点击下方服务开始`,
'sd6c26e31d24a6599': `本终端暂未开通服务。如需帮助，请联系本站站长。`,
'se33325e454f8a58a': `我还在使用`,
'seb618984d59597b4': `站长`,
'sefcf950b3cc4fc3b': `语言`,
'sf55d634dcc743595': `服务`,
'sf84f595e92212b9f': str`${0} 秒无操作后，终端会清除屏幕内容并回到首页。`,
    };
  