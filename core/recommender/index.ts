export {
  Recommender,
  emotionQueryText,
  type RecommendRequest,
  type Recommendation,
  type RecommenderOptions,
} from './recommender.js';
export {
  targetFor,
  targetEmotionsFor,
  moodPointOfTrack,
  moodCloseness,
  emotionsNear,
  arc,
  type MoodGoal,
} from './mood.js';
export { AlsNeighbours, type AlsNeighbour } from './als-neighbours.js';
