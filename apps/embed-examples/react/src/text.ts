// The village site's own words (the services bring theirs, in the page language).
export type Lang = 'zh-CN' | 'en';

export const TEXT = {
  'zh-CN': {
    title: '溪口村 · 村民服务',
    languages: '语言',
    tagline: '村委会网站 · 服务组件来自 civic-kiosk',
    stations: '附近的驿站',
    need: '我需要',
    rows: '显示几个',
    chosen: '您选中的驿站：',
    nothingChosen: '在列表或地图上点一个驿站',
    inForce: '正在筛选：',
    noFilter: '不限',
    board: '村里的停车议事',
    facilities: { wheelchair: '无障碍厕所', baby_change: '母婴室', drinking_water: '饮用水' },
  },
  en: {
    title: 'Xikou village · Services',
    languages: 'Language',
    tagline: 'Village committee site · service components from civic-kiosk',
    stations: 'Stations nearby',
    need: 'I need',
    rows: 'How many',
    chosen: 'Station you chose: ',
    nothingChosen: 'Tap a station in the list or on the map',
    inForce: 'Filtering by: ',
    noFilter: 'nothing',
    board: 'Parking deliberation in the village',
    facilities: { wheelchair: 'Accessible toilet', baby_change: 'Mother-and-baby room', drinking_water: 'Drinking water' },
  },
} as const;
