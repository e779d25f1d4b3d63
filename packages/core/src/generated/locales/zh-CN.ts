
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's4ccb8c85fa9b1f5c': `未找到。`,
's5bca2a62b561fff9': str`本机请求过于频繁，请等待 ${0} 秒后再试。`,
's69d242d208ae6203': `请重新登录。`,
's78be4e83e5755f68': `密码错误次数过多，账户已锁定 15 分钟。`,
's7f49ea32c1b08464': str`服务出现问题（错误 ${0}），请稍后再试。`,
'sc4726986a51da98b': str`请求被拒绝（错误 ${0}）。`,
'sdf6bf01b6cc13a6d': `服务响应超时，请再试一次。`,
'sf0dc8489163c726b': `本机请求过于频繁，请稍等片刻。`,
'sf4555ae7a2321066': `暂时无法连接服务，请稍后再试。`,
'sf7b86bede3e3af4c': `服务返回的内容无法识别。`,
    };
  