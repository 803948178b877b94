# Fine parallel processing with a work queue (seed 003): no completions, parallelism 2. Two workers
# drain the Redis list job2; the Job is done once a pod succeeded and all have finished, and after
# the first success no new pod starts.
kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: redis-master
  labels:
    app: redis
spec:
  containers:
    - name: master
      image: redis
      env:
        - name: MASTER
          value: "true"
      ports:
        - containerPort: 6379
---
apiVersion: v1
kind: Service
metadata:
  name: redis
spec:
  ports:
    - port: 6379
      targetPort: 6379
  selector:
    app: redis
YAML
sim advance 20s
kubectl exec -i redis-master -- redis-cli -h redis <<EOF
rpush job2 "apple"
rpush job2 "banana"
rpush job2 "cherry"
rpush job2 "date"
rpush job2 "fig"
rpush job2 "grape"
rpush job2 "lemon"
rpush job2 "melon"
rpush job2 "orange"
lrange job2 0 -1
EOF
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: job-wq-2
spec:
  parallelism: 2
  template:
    metadata:
      name: job-wq-2
    spec:
      containers:
      - name: c
        image: gcr.io/myproject/job-wq-2
      restartPolicy: OnFailure
YAML
sim advance 10s
kubectl get job job-wq-2
kubectl describe jobs/job-wq-2
kubectl wait --for=condition=complete --timeout=300s job/job-wq-2
kubectl get job job-wq-2
kubectl get pods -l job-name=job-wq-2
kubectl logs -l job-name=job-wq-2
kubectl exec redis-master -- redis-cli -h redis llen job2
